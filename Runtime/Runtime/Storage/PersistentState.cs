namespace FlashSale.Runtime.Storage;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> injected into grain constructors. It joins the activation's
/// lifecycle so the state is read before <c>OnActivateAsync</c>; a failed read fails the activation (the
/// grain never runs on state it could not load). Writes are conditional on the ETag last read or written.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<TState>, IActivationLifecycleParticipant
    where TState : new()
{
    private readonly GrainState<TState> _state = new(new TState());

    public TState State
    {
        get => _state.State;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ReadStateAsync(stateName, grainId, _state, cancellationToken);
        if (!_state.RecordExists)
        {
            _state.State = new TState();
        }
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => storage.WriteStateAsync(stateName, grainId, _state, cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearStateAsync(stateName, grainId, _state, cancellationToken);
        _state.State = new TState();
    }

    Task IActivationLifecycleParticipant.OnActivateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    Task IActivationLifecycleParticipant.OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
