-- The order log. One row per accepted purchase; (sku, user_id, request_id) is unique, so a purchase retried after
-- a crash finds the order it already has instead of buying twice. (shard, epoch) say which shard activation
-- sold it: reconciliation counts units per epoch to recover the stock of shards that died.
CREATE TABLE IF NOT EXISTS {schema}.orders (
    order_id    varchar(200)  NOT NULL PRIMARY KEY,
    sku         varchar(64)   NOT NULL,
    user_id     varchar(128)  NOT NULL,
    request_id  varchar(128)  NOT NULL,
    quantity    integer       NOT NULL CHECK (quantity > 0),
    price       numeric(18,2) NOT NULL,
    created_at  timestamptz   NOT NULL,
    shard       integer       NOT NULL,
    epoch       bigint        NOT NULL,
    status      smallint      NOT NULL DEFAULT 0,
    UNIQUE (sku, user_id, request_id)
);

CREATE INDEX IF NOT EXISTS orders_sku_shard ON {schema}.orders (sku, shard, epoch);
CREATE INDEX IF NOT EXISTS orders_pending ON {schema}.orders (sku, created_at) WHERE status = 0;
