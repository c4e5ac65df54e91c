namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A grain interface of the compilation.</summary>
/// <param name="FullName">The interface, fully qualified (<c>global::...</c>).</param>
/// <param name="MetadataName">Its full metadata name (<c>Namespace.Outer+Inner</c>), unique in the compilation.</param>
/// <param name="ProxyClass">The proxy class name.</param>
/// <param name="DeclaredMethods">The valid methods declared on the interface itself: one request class each.</param>
/// <param name="ProxyMethods">Every method the proxy implements (own and inherited), or empty when no proxy is emitted.</param>
/// <param name="EmitProxy">False when the interface or one of its base interfaces has errors.</param>
internal sealed record GrainInterfaceModel(
    string FullName,
    string MetadataName,
    string ProxyClass,
    EquatableArray<GrainMethodModel> DeclaredMethods,
    EquatableArray<GrainMethodModel> ProxyMethods,
    bool EmitProxy);
