namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>What a conditional grain-state statement does.</summary>
internal enum GrainStateOperationKind
{
    /// <summary>Writes a payload.</summary>
    Write,

    /// <summary>Clears the record (leaves a tombstone).</summary>
    Clear,
}
