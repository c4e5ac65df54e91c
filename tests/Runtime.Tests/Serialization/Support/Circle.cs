namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A concrete shape.</summary>
public sealed class Circle : Shape
{
    [Id(0)]
    public double Radius { get; set; }
}
