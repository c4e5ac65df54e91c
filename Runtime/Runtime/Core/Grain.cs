namespace FlashSale.Runtime;

/// <summary>
/// The base class of grain implementations. The runtime constructs grains itself (through generated
/// factories) and the constructor binds the instance to its activation, so identity, the grain factory and
/// services are usable from the constructor on.
/// </summary>
public abstract class Grain : IGrainBase
{
    /// <summary>Binds the grain to the activation being created on this thread.</summary>
    protected Grain()
    {
        GrainContext = RuntimeContext.Constructing
            ?? throw new InvalidOperationException($"Grain '{GetType().FullName}' was constructed outside the runtime. Grains are created by the runtime on their first call; use IGrainFactory.GetGrain.");
    }

    /// <inheritdoc />
    public IGrainContext GrainContext { get; }

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => ((Catalog.ActivationData)GrainContext).Shared.GrainFactory;

    /// <summary>The hosting silo's address as a string (equal to the silo handle's <c>SiloAddress.ToString()</c>).</summary>
    public string RuntimeIdentity => GrainContext.Silo.ToString();

    /// <summary>The services of the hosting silo.</summary>
    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    /// <summary>Runs when the activation starts, after persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation ends gracefully (not after a crash).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}[{GrainContext.GrainId}]";
}
