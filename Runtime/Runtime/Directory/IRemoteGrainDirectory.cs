namespace FlashSale.Runtime.Directory;

/// <summary>The directory partition of a silo, called by the other silos.</summary>
public interface IRemoteGrainDirectory : ISystemTarget
{
    /// <summary>Registers an activation; returns the winning address (the given one, or an earlier live one).</summary>
    Task<GrainAddress> Register(GrainAddress address);

    /// <summary>Registers several activations (ownership hand-off); returns the winner of each, in order.</summary>
    Task<List<GrainAddress>> RegisterMany(List<GrainAddress> addresses);

    /// <summary>Looks up the activation of a grain.</summary>
    Task<GrainAddress?> Lookup(GrainId grainId);

    /// <summary>Removes an activation's entry if it is still the registered one.</summary>
    Task Unregister(GrainAddress address);
}
