namespace FlashSale.Runtime;

/// <summary>The status of a silo in the cluster (stored as an int in membership tables, as in Orleans).</summary>
public enum SiloStatus
{
    /// <summary>No status.</summary>
    None = 0,

    /// <summary>Created, not yet started.</summary>
    Created = 1,

    /// <summary>Joining the cluster.</summary>
    Joining = 2,

    /// <summary>Serving.</summary>
    Active = 3,

    /// <summary>Shutting down gracefully.</summary>
    ShuttingDown = 4,

    /// <summary>Stopping.</summary>
    Stopping = 5,

    /// <summary>Gone; a dead silo never comes back with the same identity.</summary>
    Dead = 6,
}
