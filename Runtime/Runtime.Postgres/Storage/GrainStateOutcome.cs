namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>The result of one conditional grain-state statement.</summary>
/// <param name="Succeeded">Whether the write or clear took effect (possibly in an earlier attempt whose reply was lost).</param>
/// <param name="ETag">The ETag after the operation: the new version after a write, null after a clear.</param>
/// <param name="StoredEtag">On conflict, the live version found in storage (null: no live record).</param>
/// <param name="RecoveredOwnWrite">Whether success was recognized from the write id of an earlier attempt.</param>
internal readonly record struct GrainStateOutcome(bool Succeeded, string? ETag, string? StoredEtag, bool RecoveredOwnWrite);
