namespace FlashSale.Runtime;

/// <summary>Injects an <see cref="IPersistentState{TState}"/> into a grain constructor parameter.</summary>
/// <param name="stateName">The name of the state, unique per grain.</param>
/// <param name="storageName">The named grain storage provider, or null for the default one.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The name of the state, unique per grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The named grain storage provider, or null for the default one.</summary>
    public string? StorageName { get; } = storageName;
}
