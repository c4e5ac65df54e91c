namespace FlashSale.Runtime;

/// <summary>
/// The grain storage provider contract. Every write and clear is conditional on the ETag the caller holds:
/// a mismatch raises <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state of a grain into <paramref name="grainState"/>; a missing record sets a null ETag and RecordExists false and leaves State alone.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the stored ETag equals <see cref="IGrainState{T}.ETag"/>, then updates the ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if the stored ETag equals <see cref="IGrainState{T}.ETag"/>.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
