using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime;

/// <summary>Identity helpers for grains and grain references (Orleans' <c>GetPrimaryKey*</c> family).</summary>
public static class GrainIdentityExtensions
{
    /// <summary>The grain id of a grain or of a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        IGrainBase g => g.GrainContext.GrainId,
        GrainReference r => r.GrainId,
        _ => throw new ArgumentException($"'{grain.GetType().FullName}' is neither a grain nor a grain reference.", nameof(grain)),
    };

    /// <summary>The string key of a grain.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The Guid key of a grain.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain) => grain.GetGrainId().GetGuidKey();

    /// <summary>The integer key of a grain.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain) => grain.GetGrainId().GetIntegerKey();

    /// <summary>Casts a grain reference to another grain interface of the same grain.</summary>
    public static TInterface AsReference<TInterface>(this IAddressable grain)
        where TInterface : IAddressable => grain switch
        {
            TInterface same when grain is GrainReference => same,
            IGrainBase g => g.GrainContext.AsReference<TInterface>(),
            GrainReference r => (TInterface)(object)r.Runtime.CreateReference(r.GrainId, typeof(TInterface)),
            _ => throw new ArgumentException($"'{grain.GetType().FullName}' is neither a grain nor a grain reference.", nameof(grain)),
        };
}
