namespace FlashSale.Runtime.Tests.Grains;

[GenerateSerializer, Immutable]
public sealed class ImmutablePayload
{
    [Id(0)]
    public string Text { get; init; } = string.Empty;
}
