namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>An abstract test type: no codec of its own, so the runtime's polymorphic codec handles it.</summary>
public abstract class Shape
{
    [Id(0)]
    public string Label { get; set; } = string.Empty;
}
