namespace FlashSale.Runtime.Configuration;

/// <summary>Where new activations go when a grain class does not say.</summary>
public sealed class PlacementOptions
{
    /// <summary>The strategy for grain classes without a placement attribute (Random, PreferLocal, HashBased, ActivationCountBased).</summary>
    public string DefaultStrategy { get; set; } = RandomPlacementAttribute.Name;

    /// <summary>How often each silo refreshes the activation counts of the others (for activation-count-based placement).</summary>
    public TimeSpan LoadStatisticsRefreshPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        string[] known = [RandomPlacementAttribute.Name, PreferLocalPlacementAttribute.Name, HashBasedPlacementAttribute.Name, ActivationCountBasedPlacementAttribute.Name];
        if (!known.Contains(DefaultStrategy, StringComparer.Ordinal))
        {
            yield return $"Placement:DefaultStrategy '{DefaultStrategy}' is not one of {string.Join(", ", known)}.";
        }

        if (LoadStatisticsRefreshPeriod <= TimeSpan.Zero)
        {
            yield return "Placement:LoadStatisticsRefreshPeriod must be positive.";
        }
    }
}
