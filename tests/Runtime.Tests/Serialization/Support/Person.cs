namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A sealed test type with a hand-written codec (no [GenerateSerializer], so the generator never emits one).</summary>
public sealed class Person
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public int Age { get; set; }
}
