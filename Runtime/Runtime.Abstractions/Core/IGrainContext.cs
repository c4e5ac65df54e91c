namespace FlashSale.Runtime;

/// <summary>
/// What an activation exposes to its grain instance and to the code generated for it: identity, services and
/// the hooks by which injected components (persistent state, timers) join the activation's lifecycle.
/// </summary>
public interface IGrainContext
{
    /// <summary>The identity of the grain.</summary>
    GrainId GrainId { get; }

    /// <summary>The address of the silo hosting the activation.</summary>
    SiloAddress Silo { get; }

    /// <summary>The services of the hosting silo.</summary>
    IServiceProvider ActivationServices { get; }

    /// <summary>The grain instance, once constructed.</summary>
    object? GrainInstance { get; }

    /// <summary>A reference to this grain typed as <typeparamref name="TInterface"/>.</summary>
    TInterface AsReference<TInterface>() where TInterface : IAddressable;

    /// <summary>Adds a component whose <see cref="IActivationLifecycleParticipant.OnActivateAsync"/> runs before the grain's own.</summary>
    void AddLifecycleParticipant(IActivationLifecycleParticipant participant);

    /// <summary>Creates the persistent state of a <c>[PersistentState]</c> constructor parameter.</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName) where TState : new();

    /// <summary>Asks the runtime to deactivate the activation once the current request ends.</summary>
    void Deactivate(DeactivationReason reason);
}
