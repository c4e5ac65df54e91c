namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A grain class: its metadata and how to construct it.</summary>
/// <param name="FullName">The class, fully qualified.</param>
/// <param name="MetadataName">Its full metadata name, unique in the compilation.</param>
/// <param name="HelperClass">The generated class exposing its <c>GrainClassMetadata</c>.</param>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Interfaces">The grain interfaces it implements, fully qualified.</param>
/// <param name="Attributes">C# expressions re-creating its runtime attributes.</param>
/// <param name="FactoryArguments">C# expressions (over <c>context</c>) for the constructor's arguments, or null when it has no usable constructor.</param>
internal sealed record GrainClassModel(
    string FullName,
    string MetadataName,
    string HelperClass,
    string GrainType,
    EquatableArray<string> Interfaces,
    EquatableArray<string> Attributes,
    EquatableArray<string>? FactoryArguments);
