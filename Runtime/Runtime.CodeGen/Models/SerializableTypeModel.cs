namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A <c>[GenerateSerializer]</c> type and how its codec writes, reads and creates it.</summary>
/// <param name="FullName">The type, fully qualified (a generic type over its own type parameters: <c>global::Ns.Page&lt;T&gt;</c>).</param>
/// <param name="MetadataName">Its full metadata name, unique in the compilation.</param>
/// <param name="Alias">Its wire alias.</param>
/// <param name="CodecClass">The codec class name.</param>
/// <param name="IsValueType">Whether it is a struct.</param>
/// <param name="IsSealed">Whether no other type can derive from it (structs, sealed classes).</param>
/// <param name="Levels">Level 0 is the type itself, then its base classes, outermost last.</param>
/// <param name="Construction">How instances are created.</param>
/// <param name="ConstructorArguments">The locals passed to the constructor, in parameter order.</param>
/// <param name="TypeParameters">The type parameters of a generic type (the codec class has the same), else empty.</param>
/// <param name="UnboundType">The unbound generic type as written in <c>typeof</c> (<c>global::Ns.Page&lt;&gt;</c>), or null.</param>
internal sealed record SerializableTypeModel(
    string FullName,
    string MetadataName,
    string Alias,
    string CodecClass,
    bool IsValueType,
    bool IsSealed,
    EquatableArray<SerializableLevelModel> Levels,
    ConstructionKind Construction,
    EquatableArray<string> ConstructorArguments,
    EquatableArray<TypeParameterModel> TypeParameters,
    string? UnboundType)
{
    public bool IsGeneric => UnboundType is not null;

    /// <summary>The codec class with its type arguments: <c>Codec_Ns_Page_1&lt;T&gt;</c>.</summary>
    public string CodecType => IsGeneric ? CodecClass + "<" + string.Join(", ", System.Linq.Enumerable.Select(TypeParameters, t => t.Name)) + ">" : CodecClass;

    /// <summary>The open codec class as written in <c>typeof</c>: <c>Codec_Ns_Page_1&lt;&gt;</c>.</summary>
    public string UnboundCodecType => IsGeneric ? CodecClass + "<" + new string(',', TypeParameters.Count - 1) + ">" : CodecClass;
}
