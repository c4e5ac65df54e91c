namespace FlashSale.Runtime;

/// <summary>Identifies one activation of a grain; a grain reactivated elsewhere gets a new one.</summary>
/// <param name="Value">The unique value.</param>
[GenerateSerializer, Immutable]
public readonly record struct ActivationId([property: Id(0)] Guid Value)
{
    /// <summary>A new unique id.</summary>
    public static ActivationId NewId() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N")[..12];
}
