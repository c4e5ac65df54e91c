namespace FlashSale.Grains;

/// <summary>The switches in force for one SKU, resolved from its own set and the global one.</summary>
/// <param name="WriteMode">The write mode to use instead of the campaign's; null keeps the campaign's.</param>
/// <param name="Paused">Whether purchases are paused.</param>
/// <param name="PauseReason">Why, when paused.</param>
/// <param name="DropNonCoreFields">Whether the product view leaves out its non-core fields.</param>
/// <param name="ReadFallback">Whether reads may be served from the last known view when the SKU is unreachable.</param>
public readonly record struct EffectiveSwitches(WriteMode? WriteMode, bool Paused, string? PauseReason, bool DropNonCoreFields, bool ReadFallback)
{
    /// <summary>The write mode in force for a campaign.</summary>
    public WriteMode ModeFor(Campaign campaign) => WriteMode ?? campaign.WriteMode;
}
