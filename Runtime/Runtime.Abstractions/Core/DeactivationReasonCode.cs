namespace FlashSale.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode : byte
{
    /// <summary>No reason given.</summary>
    None,
    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,
    /// <summary>Activation failed.</summary>
    ActivationFailed,
    /// <summary>The grain directory failed or disagreed.</summary>
    DirectoryFailure,
    /// <summary>The activation was idle past its collection age.</summary>
    ActivationIdle,
    /// <summary>The activation stopped responding.</summary>
    ActivationUnresponsive,
    /// <summary>Another activation of the same grain won.</summary>
    DuplicateActivation,
    /// <summary>A request could not be handled by this activation.</summary>
    IncompatibleRequest,
    /// <summary>Application code threw an error that requires deactivation.</summary>
    ApplicationError,
    /// <summary>The grain asked for it (DeactivateOnIdle).</summary>
    ApplicationRequested,
    /// <summary>The activation is migrating to another silo.</summary>
    Migrating,
    /// <summary>The runtime asked for it.</summary>
    RuntimeRequested,
    /// <summary>The silo is under memory pressure.</summary>
    HighMemoryPressure,
}
