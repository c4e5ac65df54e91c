using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlashSale.Runtime.CodeGen.Diagnostics;
using FlashSale.Runtime.CodeGen.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Turns one grain interface method into a <see cref="GrainMethodModel"/>, checking FSG001–FSG005.</summary>
internal static class GrainMethodAnalyzer
{
    /// <summary>Whether <paramref name="member"/> is a grain method: an abstract, non-static ordinary method.</summary>
    public static bool IsGrainMethod(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: true };

    /// <summary>The request class name of a method (the same in every assembly that computes it).</summary>
    public static string RequestClassName(INamedTypeSymbol declaringInterface, IMethodSymbol method)
    {
        var signature = new StringBuilder(method.Name);
        if (method.Arity > 0)
        {
            signature.Append('`').Append(method.Arity);
        }

        signature.Append('(');
        signature.Append(string.Join(",", method.Parameters.Select(p => SymbolNames.SignatureName(p.Type))));
        signature.Append(')');
        return "Invokable_" + SymbolNames.MangleIdentifier(SymbolNames.MetadataName(declaringInterface)) + "_"
            + SymbolNames.MangleIdentifier(method.Name) + "_" + SymbolNames.Hash8(signature.ToString());
    }

    /// <summary>
    /// Analyzes <paramref name="method"/> of <paramref name="declaringInterface"/>. Returns null when the method is
    /// invalid; the reasons are added to <paramref name="diagnostics"/> when it is not null (methods of base
    /// interfaces are analyzed only to be implemented by a derived proxy and report nothing).
    /// </summary>
    public static GrainMethodModel? Analyze(IMethodSymbol method, INamedTypeSymbol declaringInterface, string interfaceAlias, List<DiagnosticInfo>? diagnostics)
    {
        var valid = true;
        var interfaceName = declaringInterface.ToDisplayString();
        var methodName = method.ToDisplayString(SymbolNames.MethodForMessages);
        var syntax = diagnostics is null ? null : method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        var returnLocation = diagnostics is null ? null : LocationInfo.From(syntax?.ReturnType) ?? LocationInfo.From(method.Locations.FirstOrDefault());

        void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }

        var kind = ReturnKind.Task;
        ITypeSymbol? result = null;
        switch (method.ReturnType is INamedTypeSymbol named ? SymbolNames.MetadataName(named) : null)
        {
            case WellKnown.Task:
                kind = ReturnKind.Task;
                break;
            case WellKnown.ValueTask:
                kind = ReturnKind.ValueTask;
                break;
            case WellKnown.TaskOfT:
                kind = ReturnKind.TaskOfT;
                result = ((INamedTypeSymbol)method.ReturnType).TypeArguments[0];
                break;
            case WellKnown.ValueTaskOfT:
                kind = ReturnKind.ValueTaskOfT;
                result = ((INamedTypeSymbol)method.ReturnType).TypeArguments[0];
                break;
            default:
                Report(DiagnosticDescriptors.InvalidReturnType, returnLocation, interfaceName, methodName, method.ReturnType.ToDisplayString());
                break;
        }

        var parameters = new List<ParameterModel>();
        var tokens = 0;
        foreach (var parameter in method.Parameters)
        {
            var parameterSyntax = diagnostics is null ? null : parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
            var location = diagnostics is null ? null : LocationInfo.From(parameterSyntax) ?? LocationInfo.From(parameter.Locations.FirstOrDefault());
            var isToken = TypeClassifier.IsCancellationToken(parameter.Type);
            if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.RefParameter, location, interfaceName, methodName, parameter.Name, RefKindText(parameter.RefKind));
            }
            else if (isToken && ++tokens > 1)
            {
                Report(DiagnosticDescriptors.MultipleCancellationTokens, location, interfaceName, methodName, parameter.Name);
            }
            else if (!isToken && TypeClassifier.FindUnserializable(parameter.Type) is { } bad)
            {
                var typeLocation = diagnostics is null ? null : LocationInfo.From(parameterSyntax?.Type) ?? location;
                Report(DiagnosticDescriptors.NotSerializable, typeLocation, interfaceName, methodName, $"parameter '{parameter.Name}'", parameter.Type.ToDisplayString(), bad.ToDisplayString());
            }

            var needsCopy = !isToken && !TypeClassifier.IsKnownImmutable(parameter.Type) && !TypeClassifier.HasAttribute(parameter, WellKnown.ImmutableAttribute);
            parameters.Add(new ParameterModel(SymbolNames.EscapeIdentifier(parameter.Name), SymbolNames.Display(parameter.Type), isToken, needsCopy));
        }

        if (result is not null && TypeClassifier.FindUnserializable(result) is { } badResult)
        {
            Report(DiagnosticDescriptors.NotSerializable, returnLocation, interfaceName, methodName, "return type", result.ToDisplayString(), badResult.ToDisplayString());
        }

        var options = (TypeClassifier.HasAttribute(method, WellKnown.OneWayAttribute) ? 1 : 0)
            | (TypeClassifier.HasAttribute(method, WellKnown.ReadOnlyAttribute) ? 2 : 0)
            | (TypeClassifier.HasAttribute(method, WellKnown.AlwaysInterleaveAttribute) ? 4 : 0);
        if ((options & 1) != 0 && result is not null)
        {
            Report(DiagnosticDescriptors.OneWayReturnsValue, returnLocation, interfaceName, methodName, method.ReturnType.ToDisplayString());
        }

        if (!valid)
        {
            return null;
        }

        var methodAlias = TypeClassifier.GetAlias(method) ?? method.Name + (method.Arity > 0 ? "`" + method.Arity : string.Empty) + "("
            + string.Join(",", method.Parameters.Where(p => !TypeClassifier.IsCancellationToken(p.Type)).Select(p => SymbolNames.SignatureName(p.Type))) + ")";

        var isPublic = TypeAccessibility.IsPublic(declaringInterface)
            && TypeAccessibility.IsPublic(method.ReturnType)
            && method.Parameters.All(p => TypeAccessibility.IsPublic(p.Type))
            && method.TypeParameters.All(t => t.ConstraintTypes.All(TypeAccessibility.IsPublic));

        return new GrainMethodModel(
            InterfaceType: SymbolNames.DisplayPlain(declaringInterface),
            Name: SymbolNames.EscapeIdentifier(method.Name),
            MethodName: method.Name,
            RequestClass: RequestClassName(declaringInterface, method),
            Alias: interfaceAlias + "." + methodAlias,
            IsPublicRequest: isPublic,
            ReturnKind: kind,
            ReturnType: SymbolNames.Display(method.ReturnType),
            ResultType: result is null ? null : SymbolNames.Display(result),
            Options: options,
            Parameters: parameters.ToEquatableArray(),
            TypeParameters: method.TypeParameters.Select(t => new TypeParameterModel(t.Name, TypeParameterConstraints.Clause(t), ExplicitConstraint(method, t))).ToEquatableArray());
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };

    /// <summary>
    /// An explicit implementation inherits its constraints but must say <c>class</c>, <c>struct</c> or
    /// <c>default</c> for <c>T?</c> to mean what the interface means.
    /// </summary>
    private static string ExplicitConstraint(IMethodSymbol method, ITypeParameterSymbol parameter)
    {
        var annotated = UsesAnnotated(method.ReturnType, parameter) || method.Parameters.Any(p => UsesAnnotated(p.Type, parameter));
        if (!annotated)
        {
            return string.Empty;
        }

        var constraint = parameter.IsReferenceType ? "class" : parameter.IsValueType ? "struct" : "default";
        return "where " + parameter.Name + " : " + constraint;
    }

    private static bool UsesAnnotated(ITypeSymbol type, ITypeParameterSymbol parameter) => type switch
    {
        ITypeParameterSymbol p => SymbolEqualityComparer.Default.Equals(p, parameter) && p.NullableAnnotation == NullableAnnotation.Annotated,
        IArrayTypeSymbol a => UsesAnnotated(a.ElementType, parameter),
        INamedTypeSymbol n => n.TypeArguments.Any(t => UsesAnnotated(t, parameter)) || (n.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && n.TypeArguments[0] is ITypeParameterSymbol tp && SymbolEqualityComparer.Default.Equals(tp, parameter)),
        _ => false,
    };
}
