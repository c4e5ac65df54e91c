namespace FlashSale.Runtime.Configuration;

/// <summary>When idle activations are collected, and how long activation and deactivation may take.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>Orleans' default idle age (15 minutes since 7.0).</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>How long an activation may stay idle before it is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per grain class overrides of <see cref="CollectionAge"/>, by class full name or grain type.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>How long <c>OnActivateAsync</c> may take.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>OnDeactivateAsync</c> may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (CollectionAge < CollectionAgeLimitAttribute.MinAgeLimit)
        {
            yield return $"GrainCollection:CollectionAge must be at least {CollectionAgeLimitAttribute.MinAgeLimit}.";
        }

        if (CollectionQuantum <= TimeSpan.Zero)
        {
            yield return "GrainCollection:CollectionQuantum must be positive.";
        }

        if (ActivationTimeout <= TimeSpan.Zero || DeactivationTimeout <= TimeSpan.Zero)
        {
            yield return "GrainCollection:ActivationTimeout and DeactivationTimeout must be positive.";
        }

        foreach (var (name, age) in ClassSpecificCollectionAge)
        {
            if (age < CollectionAgeLimitAttribute.MinAgeLimit)
            {
                yield return $"GrainCollection:ClassSpecificCollectionAge[{name}] must be at least {CollectionAgeLimitAttribute.MinAgeLimit}.";
            }
        }
    }
}
