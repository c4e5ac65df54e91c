namespace FlashSale.Runtime.SystemTargets;

/// <summary>
/// Grain ids of system targets: type "sys.{interface name}", key the hosting silo's address, so that a call to
/// a system target carries its destination silo and needs no directory.
/// </summary>
internal static class SystemTargetId
{
    public const string TypePrefix = "sys.";

    public static string GrainTypeOf(Type systemTargetInterface) => TypePrefix + systemTargetInterface.Name;

    public static GrainId Create(Type systemTargetInterface, SiloAddress silo) => GrainId.Create(GrainTypeOf(systemTargetInterface), silo.ToString());

    public static bool IsSystemTarget(GrainId grainId) => grainId.Type.StartsWith(TypePrefix, StringComparison.Ordinal);

    public static SiloAddress GetSilo(GrainId grainId) => SiloAddress.Parse(grainId.Key);
}
