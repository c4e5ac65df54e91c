namespace FlashSale.Runtime.Tests.Serialization;

public enum ByteEnum : byte
{
    Low = 0,
    High = 255,
}
