namespace FlashSale.Runtime.Tests.Serialization;

public enum SByteEnum : sbyte
{
    Min = sbyte.MinValue,
    Max = sbyte.MaxValue,
}
