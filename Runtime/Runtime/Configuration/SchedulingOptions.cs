namespace FlashSale.Runtime.Configuration;

/// <summary>How activations share the thread pool.</summary>
public sealed class SchedulingOptions
{
    /// <summary>How many work items an activation runs before yielding its thread to others.</summary>
    public int MaxWorkItemsPerTurnBatch { get; set; } = 128;

    /// <summary>The per-silo limit of a <c>[StatelessWorker]</c> that does not set one.</summary>
    public int DefaultMaxLocalWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxWorkItemsPerTurnBatch < 1)
        {
            yield return "Scheduling:MaxWorkItemsPerTurnBatch must be at least 1.";
        }

        if (DefaultMaxLocalWorkers < 1)
        {
            yield return "Scheduling:DefaultMaxLocalWorkers must be at least 1.";
        }
    }
}
