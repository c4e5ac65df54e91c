namespace FlashSale.Runtime.Client;

/// <summary>A grain class as the cluster describes it to clients.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="ClassName">The class's full name (for class-name prefixes).</param>
/// <param name="InterfaceAliases">The wire aliases of the grain interfaces it implements.</param>
[GenerateSerializer, Immutable]
public sealed record GrainClassInfo(
    [property: Id(0)] string GrainType,
    [property: Id(1)] string ClassName,
    [property: Id(2)] List<string> InterfaceAliases);
