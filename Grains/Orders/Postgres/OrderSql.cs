namespace FlashSale.Grains.Orders.Postgres;

/// <summary>The order log's statements for one schema (the only spliced text is the validated, quoted schema name).</summary>
internal sealed class OrderSql(string quotedSchema)
{
    /// <summary>Inserts a batch from parallel arrays; rows whose (sku, user, request) exist are skipped (the affected count says how many were not).</summary>
    public string InsertBatch { get; } =
        $"""
        INSERT INTO {quotedSchema}.orders (order_id, sku, user_id, request_id, quantity, price, created_at, shard, epoch, status)
        SELECT * FROM unnest(@ids::varchar[], @skus::varchar[], @users::varchar[], @requests::varchar[], @quantities::int[],
                             @prices::numeric[], @created::timestamptz[], @shards::int[], @epochs::bigint[], @statuses::smallint[])
        ON CONFLICT (sku, user_id, request_id) DO NOTHING
        """;

    /// <summary>Reads the stored orders of (sku, user, request) triples.</summary>
    public string SelectByRequests { get; } =
        $"""
        SELECT o.order_id, o.sku, o.user_id, o.request_id, o.quantity, o.price, o.created_at, o.shard, o.epoch, o.status
        FROM {quotedSchema}.orders o
        JOIN unnest(@skus::varchar[], @users::varchar[], @requests::varchar[]) AS k(sku, user_id, request_id)
          ON o.sku = k.sku AND o.user_id = k.user_id AND o.request_id = k.request_id
        """;

    /// <summary>Reads one order.</summary>
    public string SelectById { get; } =
        $"SELECT order_id, sku, user_id, request_id, quantity, price, created_at, shard, epoch, status FROM {quotedSchema}.orders WHERE order_id = @id";

    /// <summary>Units per (shard, epoch) of a SKU, expired orders excluded.</summary>
    public string CountUnits { get; } =
        $"SELECT shard, epoch, sum(quantity)::int FROM {quotedSchema}.orders WHERE sku = @sku AND status <> 2 GROUP BY shard, epoch";

    /// <summary>Units per (shard, epoch) of a SKU, every status.</summary>
    public string CountAllUnits { get; } =
        $"SELECT shard, epoch, sum(quantity)::int FROM {quotedSchema}.orders WHERE sku = @sku GROUP BY shard, epoch";

    /// <summary>Units per buyer of a SKU's shard, expired orders excluded.</summary>
    public string UserUnits { get; } =
        $"SELECT user_id, sum(quantity)::int FROM {quotedSchema}.orders WHERE sku = @sku AND shard = @shard AND status <> 2 GROUP BY user_id";

    /// <summary>Units per buyer of a SKU over a set of shards, expired orders excluded.</summary>
    public string UserUnitsOverShards { get; } =
        $"SELECT user_id, sum(quantity)::int FROM {quotedSchema}.orders WHERE sku = @sku AND shard = ANY(@shards) AND status <> 2 GROUP BY user_id";

    /// <summary>Pays a pending order created after the cutoff (status 0 → 1); returns a row only when it changed it.</summary>
    public string Pay { get; } =
        $"UPDATE {quotedSchema}.orders SET status = 1 WHERE order_id = @id AND status = 0 AND created_at > @cutoff RETURNING order_id";

    /// <summary>The status of one order.</summary>
    public string SelectStatus { get; } = $"SELECT status FROM {quotedSchema}.orders WHERE order_id = @id";

    /// <summary>Expires the oldest pending orders of a SKU created at or before the cutoff (status 0 → 2); returns the rows it changed.</summary>
    public string Expire { get; } =
        $"""
        UPDATE {quotedSchema}.orders SET status = 2
        WHERE order_id IN (SELECT order_id FROM {quotedSchema}.orders WHERE sku = @sku AND status = 0 AND created_at <= @cutoff ORDER BY created_at LIMIT @max FOR UPDATE SKIP LOCKED)
          AND status = 0
        RETURNING order_id, sku, user_id, request_id, quantity, price, created_at, shard, epoch, status
        """;
}
