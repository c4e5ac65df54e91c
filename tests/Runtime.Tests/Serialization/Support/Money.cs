namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>A type declared immutable: copies share it.</summary>
[Immutable]
public sealed class Money(decimal amount)
{
    public decimal Amount { get; } = amount;
}
