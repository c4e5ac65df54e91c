namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A non-sealed concrete test type: its codec writes subtypes as typed objects.</summary>
public class Animal
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;
}
