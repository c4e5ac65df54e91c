using FlashSale.Runtime.Catalog;

namespace FlashSale.Runtime;

/// <summary>
/// Ambient state of the current thread: the activation whose grain is being constructed (so that grain
/// constructors can read their identity, as in Orleans), and the activation whose turn is running.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static ActivationData? t_constructing;

    /// <summary>The activation whose grain instance is being constructed on this thread.</summary>
    public static ActivationData? Constructing
    {
        get => t_constructing;
        set => t_constructing = value;
    }

    /// <summary>The activation whose turn is running on this thread, if any.</summary>
    public static ActivationData? CurrentActivation =>
        (SynchronizationContext.Current as Scheduler.ActivationSynchronizationContext)?.Activation;
}
