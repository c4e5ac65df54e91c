namespace FlashSale.Runtime;

/// <summary>A component that runs at activation (before <c>OnActivateAsync</c>) and at deactivation (after <c>OnDeactivateAsync</c>).</summary>
public interface IActivationLifecycleParticipant
{
    /// <summary>Runs before the grain's <c>OnActivateAsync</c>; a failure fails the activation.</summary>
    Task OnActivateAsync(CancellationToken cancellationToken);

    /// <summary>Runs after the grain's <c>OnDeactivateAsync</c>.</summary>
    Task OnDeactivateAsync(CancellationToken cancellationToken);
}
