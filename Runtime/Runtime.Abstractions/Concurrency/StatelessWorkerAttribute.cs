namespace FlashSale.Runtime;

/// <summary>
/// Marks a grain class as a stateless worker: activations are always local to the calling silo, never
/// registered in the directory, and scaled out up to <see cref="MaxLocalWorkers"/> per silo under load.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Creates the attribute with a limit of one worker per core.</summary>
    public StatelessWorkerAttribute() => MaxLocalWorkers = -1;

    /// <summary>Creates the attribute with an explicit per-silo limit.</summary>
    public StatelessWorkerAttribute(int maxLocalWorkers) => MaxLocalWorkers = maxLocalWorkers;

    /// <summary>The per-silo limit, or -1 for the core count.</summary>
    public int MaxLocalWorkers { get; }
}
