namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A generic test type whose codec is registered as an open generic definition.</summary>
public sealed class Box<T>
{
    [Id(0)]
    public T Value { get; set; } = default!;
}
