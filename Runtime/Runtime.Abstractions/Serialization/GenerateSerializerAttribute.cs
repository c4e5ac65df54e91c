namespace FlashSale.Runtime;

/// <summary>Asks the code generator for a codec of this type; members to serialize carry <see cref="IdAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum, Inherited = false)]
public sealed class GenerateSerializerAttribute : Attribute;
