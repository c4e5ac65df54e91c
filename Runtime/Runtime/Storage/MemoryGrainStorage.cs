using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Storage;

/// <summary>
/// Grain storage in memory, the embedded default. State is stored serialized (never by reference), so a
/// grain that mutates its state after writing does not change what is stored, exactly as with a database.
/// Operations complete synchronously.
/// </summary>
/// <param name="name">The provider name.</param>
/// <param name="store">The records; shared between silos of one process when the host provides one.</param>
public sealed class MemoryGrainStorage(string name, MemoryGrainStorageStore store) : IGrainStorage
{
    /// <summary>The provider name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        if (store.TryRead(Key(stateName, grainId), out var data, out var etag))
        {
            grainState.State = Serializer.Deserialize<TState>(data);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var data = Serializer.Serialize(grainState.State);
        grainState.ETag = store.Write(Key(stateName, grainId), data, grainState.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        store.Delete(Key(stateName, grainId), grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
