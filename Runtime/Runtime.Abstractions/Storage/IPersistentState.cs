namespace FlashSale.Runtime;

/// <summary>A grain's persistent state, read before activation and written on request.</summary>
/// <typeparam name="TState">The state type.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The state's current value.</summary>
    TState State { get; set; }

    /// <summary>The version of the state in storage; null when no record exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; throws <see cref="InconsistentStateException"/> when storage holds a newer version.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the record and resets <see cref="State"/> to a new value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
