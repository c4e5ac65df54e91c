namespace FlashSale.Runtime;

/// <summary>A grain interface method whose caller does not wait for, and never receives, a response.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
