-- Grain state (Orleans' AdoNet persistence, adapted): one row per (service, grain, state name). The payload is
-- the runtime's binary serialization of the state; "version" is the ETag. A write names the version it read
-- ("UPDATE ... WHERE version = @etag"), a first write inserts only if no live row exists. A clear keeps the row
-- as a tombstone (payload NULL, version + 1), so a version is never handed out twice for the same key.
-- "write_id" identifies the last write, so a write retried after a lost reply recognizes its own success.

CREATE TABLE IF NOT EXISTS {schema}.grain_state (
    service_id   varchar(150)  NOT NULL,
    grain_id     varchar(1024) NOT NULL,
    state_name   varchar(150)  NOT NULL,
    payload      bytea         NULL,
    version      bigint        NOT NULL,
    write_id     uuid          NOT NULL,
    modified_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
);
