using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.SystemTargets;

/// <summary>Creates references to system targets on a given silo.</summary>
internal static class SystemTargetExtensions
{
    public static TInterface GetSystemTarget<TInterface>(this IGrainReferenceRuntime runtime, SiloAddress silo)
        where TInterface : ISystemTarget =>
        (TInterface)(object)runtime.CreateReference(SystemTargetId.Create(typeof(TInterface), silo), typeof(TInterface));
}
