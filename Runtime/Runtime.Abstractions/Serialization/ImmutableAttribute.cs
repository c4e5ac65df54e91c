namespace FlashSale.Runtime;

/// <summary>The type (or argument) is never mutated: calls inside a silo pass it by reference instead of copying it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ImmutableAttribute : Attribute;
