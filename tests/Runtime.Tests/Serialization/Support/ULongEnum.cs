namespace FlashSale.Runtime.Tests.Serialization;

public enum ULongEnum : ulong
{
    Zero = 0,
    Max = ulong.MaxValue,
}
