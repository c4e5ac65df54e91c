namespace FlashSale.Runtime.Tests.Serialization;

public enum LongEnum : long
{
    Min = long.MinValue,
    Max = long.MaxValue,
}
