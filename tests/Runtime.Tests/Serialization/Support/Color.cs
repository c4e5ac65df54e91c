namespace FlashSale.Runtime.Tests.Serialization;

public enum Color
{
    Red,
    Green,
    Blue = 100,
}
