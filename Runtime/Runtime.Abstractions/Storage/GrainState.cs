namespace FlashSale.Runtime;

/// <summary>The default <see cref="IGrainState{T}"/>.</summary>
/// <typeparam name="TState">The state type.</typeparam>
public sealed class GrainState<TState> : IGrainState<TState>
{
    /// <summary>Creates a holder with the given state.</summary>
    public GrainState(TState state) => State = state;

    /// <inheritdoc />
    public TState State { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
