namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A grain interface method: what its request class and its proxy implementation need.</summary>
/// <param name="InterfaceType">The declaring interface, fully qualified.</param>
/// <param name="Name">The method name as a C# identifier.</param>
/// <param name="MethodName">The method name as reported by <c>RequestBase.MethodName</c>.</param>
/// <param name="RequestClass">The request class name in namespace <c>FlashSaleGenerated</c>, without type arguments.</param>
/// <param name="Alias">The request's wire alias.</param>
/// <param name="IsPublicRequest">Whether the request class is public (every type it mentions is public).</param>
/// <param name="ReturnKind">The awaitable the method returns.</param>
/// <param name="ReturnType">The declared return type, fully qualified.</param>
/// <param name="ResultType">The result type of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, or null.</param>
/// <param name="Options">The <c>InvokeMethodOptions</c> flags (OneWay = 1, ReadOnly = 2, AlwaysInterleave = 4).</param>
/// <param name="Parameters">The parameters in declaration order, cancellation token included.</param>
/// <param name="TypeParameters">The method's type parameters.</param>
internal sealed record GrainMethodModel(
    string InterfaceType,
    string Name,
    string MethodName,
    string RequestClass,
    string Alias,
    bool IsPublicRequest,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    int Options,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<TypeParameterModel> TypeParameters)
{
    public bool IsOneWay => (Options & 1) != 0;

    public bool IsGeneric => !TypeParameters.IsEmpty;

    public bool ReturnsValueTask => ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT;
}
