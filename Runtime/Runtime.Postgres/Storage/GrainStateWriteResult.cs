namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>The result of one item of a batched write.</summary>
/// <param name="Written">Whether the item was written (its state's ETag now holds the new version).</param>
/// <param name="Conflict">When it was not: the conflict, with the stored and the held ETag (the item's state is unchanged).</param>
public sealed record GrainStateWriteResult(bool Written, InconsistentStateException? Conflict);
