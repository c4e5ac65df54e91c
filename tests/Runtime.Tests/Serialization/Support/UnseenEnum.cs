namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>An enum that no test serializes, so only the [Alias] scan can resolve it.</summary>
[Alias("Tests.UnseenEnum")]
public enum UnseenEnum
{
    One = 1,
}
