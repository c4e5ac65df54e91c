-- Durable reminders (Orleans' AdoNet reminders, adapted): one row per (service, grain, reminder name), with the
-- grain's hash on the ring so that a silo can read the reminders of the ranges it owns. ETags come from one
-- sequence, so a reminder deleted and registered again never reuses one.

CREATE SEQUENCE IF NOT EXISTS {schema}.reminders_etag_seq;

CREATE TABLE IF NOT EXISTS {schema}.reminders (
    service_id     varchar(150)  NOT NULL,
    grain_id       varchar(1024) NOT NULL,
    reminder_name  varchar(150)  NOT NULL,
    grain_type     varchar(512)  NOT NULL,
    grain_key      varchar(1024) NOT NULL,
    grain_hash     bigint        NOT NULL,
    start_at       timestamptz   NOT NULL,
    period_ticks   bigint        NOT NULL,
    etag           bigint        NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS reminders_by_hash ON {schema}.reminders (service_id, grain_hash);
