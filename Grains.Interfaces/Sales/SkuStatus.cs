namespace FlashSale.Grains;

/// <summary>Where a SKU's sale stands.</summary>
public enum SkuStatus
{
    /// <summary>No campaign exists for the SKU.</summary>
    Unknown = 0,

    /// <summary>The sale has not started.</summary>
    NotStarted = 1,

    /// <summary>On sale.</summary>
    Active = 2,

    /// <summary>Every unit is sold (or held).</summary>
    SoldOut = 3,

    /// <summary>The sale window has closed.</summary>
    Ended = 4,

    /// <summary>Purchases are paused by a switch.</summary>
    Paused = 5,
}
