using FlashSale.Runtime.Catalog;

namespace FlashSale.Runtime.Scheduler;

/// <summary>
/// The synchronization context installed while an activation's turn runs. Every <c>await</c> in grain code
/// captures it, so continuations are posted back to the activation's own work queue: this is what makes a
/// turn end at each <c>await</c> and keeps one thread at a time inside an activation.
/// (<c>ConfigureAwait(false)</c> escapes it, exactly as it escapes Orleans' activation task scheduler.)
/// </summary>
internal sealed class ActivationSynchronizationContext(ActivationData activation) : SynchronizationContext
{
    /// <summary>The activation the context belongs to.</summary>
    public ActivationData Activation { get; } = activation;

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state) => Activation.Post(d, state);

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state)
    {
        if (Current == this)
        {
            d(state);
            return;
        }

        throw new NotSupportedException("Synchronous Send into an activation would block a thread on another activation's turn.");
    }

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;
}
