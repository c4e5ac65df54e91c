namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>Names shared by the emitters: namespaces of generated code and fully qualified runtime types.</summary>
internal static class GeneratedNames
{
    public const string RequestNamespace = "FlashSaleGenerated";
    public const string GeneratedCodeAttribute = "[global::System.CodeDom.Compiler.GeneratedCode(\"FlashSale.Runtime.CodeGen\", \"1.0.0\")]";
    public const string EditorBrowsableNever = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    public const string Writer = "global::FlashSale.Runtime.Serialization.Writer";
    public const string Reader = "global::FlashSale.Runtime.Serialization.Reader";
    public const string Field = "global::FlashSale.Runtime.Serialization.Field";
    public const string WireType = "global::FlashSale.Runtime.Serialization.WireType";
    public const string Codec = "global::FlashSale.Runtime.Serialization.Codec";
    public const string Copier = "global::FlashSale.Runtime.Serialization.Copier";
    public const string PolymorphicCodec = "global::FlashSale.Runtime.Serialization.PolymorphicCodec";
    public const string SerializationException = "global::FlashSale.Runtime.Serialization.SerializationException";
    public const string IFieldCodec = "global::FlashSale.Runtime.Serialization.IFieldCodec";
    public const string IObjectCodec = "global::FlashSale.Runtime.Serialization.IObjectCodec";
    public const string Registry = "global::FlashSale.Runtime.CodeGeneration.GeneratedCodeRegistry";
    public const string GrainClassMetadata = "global::FlashSale.Runtime.CodeGeneration.GrainClassMetadata";
    public const string InvokeMethodOptions = "global::FlashSale.Runtime.Invocation.InvokeMethodOptions";
    public const string GrainReference = "global::FlashSale.Runtime.Invocation.GrainReference";
    public const string GrainReferenceRuntime = "global::FlashSale.Runtime.Invocation.IGrainReferenceRuntime";
    public const string GrainId = "global::FlashSale.Runtime.GrainId";
    public const string IGrainContext = "global::FlashSale.Runtime.IGrainContext";

    /// <summary>The namespace of an assembly's proxies, codecs and provider.</summary>
    public static string AssemblyNamespace(string assemblyName) => RequestNamespace + "." + Analysis.SymbolNames.MangleIdentifier(assemblyName);

    /// <summary>A hint name made from a metadata name: '+' (nested types) becomes '-', which no identifier contains.</summary>
    public static string HintName(string metadataName, string suffix) => metadataName.Replace('+', '-') + "." + suffix + ".g.cs";
}
