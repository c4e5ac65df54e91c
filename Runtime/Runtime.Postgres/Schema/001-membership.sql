-- Cluster membership (Orleans' AdoNet PostgreSQL clustering schema, adapted): one version row per cluster and
-- one row per silo incarnation. Every status write bumps the cluster's version row with
-- "version = version + 1 WHERE version = @expected" in the same transaction as the row write, so all membership
-- writes of a cluster are serialized on that row (optimistic concurrency on the table version).
-- IAmAlive writes change only the row's etag, never the version. Applied idempotently at start-up.

CREATE TABLE IF NOT EXISTS {schema}.membership_version (
    cluster_id  varchar(150) NOT NULL PRIMARY KEY,
    version     integer      NOT NULL DEFAULT 0,
    updated_at  timestamptz  NOT NULL DEFAULT now()
);

-- Row etags come from one sequence: a row's etag is never reused, even across delete and insert.
CREATE SEQUENCE IF NOT EXISTS {schema}.membership_etag_seq;

CREATE TABLE IF NOT EXISTS {schema}.membership (
    cluster_id       varchar(150) NOT NULL REFERENCES {schema}.membership_version (cluster_id),
    address          varchar(45)  NOT NULL,
    port             integer      NOT NULL,
    generation       integer      NOT NULL,
    silo_name        varchar(150) NOT NULL,
    host_name        varchar(150) NOT NULL,
    datacenter       varchar(150) NOT NULL,
    status           integer      NOT NULL,
    gateway_port     integer      NOT NULL,
    -- Votes as a JSON array of {"voter": "S127.0.0.1:11111:42", "at": "2026-01-01T00:00:00.0000000Z"}.
    suspect_times    jsonb        NOT NULL DEFAULT '[]'::jsonb,
    start_time       timestamptz  NOT NULL,
    i_am_alive_time  timestamptz  NOT NULL,
    etag             bigint       NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);
