namespace FlashSale.Runtime.Catalog;

/// <summary>The lifecycle of an activation: Creating → Activating → Valid → Deactivating → Invalid.</summary>
internal enum ActivationState
{
    /// <summary>Created in the catalog; nothing has run yet.</summary>
    Creating,

    /// <summary>The grain is being constructed and its state read; requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary><c>OnDeactivateAsync</c> is running; new requests wait and are re-routed afterwards.</summary>
    Deactivating,

    /// <summary>Gone: requests that still reach it are re-routed to a new activation.</summary>
    Invalid,
}
