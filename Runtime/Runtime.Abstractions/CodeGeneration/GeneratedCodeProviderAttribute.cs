using System.ComponentModel;

namespace FlashSale.Runtime.CodeGeneration;

/// <summary>Names the generated <see cref="IGeneratedCodeProvider"/> of an assembly; emitted by the code generator.</summary>
/// <param name="providerType">The provider type.</param>
[AttributeUsage(AttributeTargets.Assembly)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedCodeProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType;
}
