namespace FlashSale.Runtime;

/// <summary>The reason code and description passed to <c>OnDeactivateAsync</c>.</summary>
/// <param name="ReasonCode">The machine-readable reason.</param>
/// <param name="Description">A human-readable description.</param>
/// <param name="Exception">The exception that caused it, if any.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description, Exception? Exception = null)
{
    /// <inheritdoc />
    public override string ToString() => Exception is null ? $"{ReasonCode}: {Description}" : $"{ReasonCode}: {Description} ({Exception.GetType().Name}: {Exception.Message})";
}
