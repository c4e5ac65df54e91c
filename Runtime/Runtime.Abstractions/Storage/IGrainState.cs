namespace FlashSale.Runtime;

/// <summary>The unit a storage provider reads and writes: state, ETag and existence.</summary>
/// <typeparam name="TState">The state type.</typeparam>
public interface IGrainState<TState>
{
    /// <summary>The state value.</summary>
    TState State { get; set; }

    /// <summary>The version the provider last read or wrote; null when there is no record.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists.</summary>
    bool RecordExists { get; set; }
}
