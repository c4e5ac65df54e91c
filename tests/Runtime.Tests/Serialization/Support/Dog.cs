namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A subtype whose base members travel in the base scope (field 0).</summary>
public sealed class Dog : Animal
{
    [Id(0)]
    public string Breed { get; set; } = string.Empty;
}
