using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlashSale.Runtime.CodeGen.Diagnostics;
using FlashSale.Runtime.CodeGen.Models;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain class into a <see cref="GrainClassModel"/>: type name, interfaces, runtime attributes, factory.</summary>
internal static class GrainClassAnalyzer
{
    public static AnalysisResult<GrainClassModel>? Analyze(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (type.IsAbstract || type.IsStatic || SymbolNames.IsGenericOrNestedInGeneric(type) || !TypeClassifier.DerivesFromGrain(type))
        {
            return null;
        }

        if (!TypeAccessibility.IsVisibleToGeneratedCode(type))
        {
            var diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.Inaccessible, LocationInfo.From(type.Locations.FirstOrDefault()), "Grain class", type.ToDisplayString());
            return new AnalysisResult<GrainClassModel>(null, new EquatableArray<DiagnosticInfo>([diagnostic]));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var metadataName = SymbolNames.MetadataName(type);
        var fullName = SymbolNames.DisplayPlain(type);
        var interfaces = type.AllInterfaces.Where(TypeClassifier.IsGrainInterface).Select(SymbolNames.DisplayPlain).ToEquatableArray();
        var model = new GrainClassModel(
            fullName,
            metadataName,
            "GrainClass_" + SymbolNames.MangleIdentifier(metadataName),
            GrainTypeName(type),
            interfaces,
            RuntimeAttributes(type).ToEquatableArray(),
            FactoryArguments(type, compilation, metadataName)?.ToEquatableArray());
        return new AnalysisResult<GrainClassModel>(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary><c>[GrainType]</c>, else the class name lower-cased without a trailing "grain".</summary>
    private static string GrainTypeName(INamedTypeSymbol type)
    {
        if (TypeClassifier.FindAttribute(type, WellKnown.GrainTypeAttribute) is { } attribute && SymbolNames.FirstStringArgument(attribute) is { } name)
        {
            return name;
        }

        var lower = type.Name.ToLowerInvariant();
        return lower.Length > 5 && lower.EndsWith("grain", StringComparison.Ordinal) ? lower.Substring(0, lower.Length - 5) : lower;
    }

    /// <summary>
    /// The attributes of the class and its base classes declared in a <c>FlashSale.Runtime*</c> namespace, as
    /// reflection's inherited lookup would return them: base attributes only when inheritable, and not when the
    /// derived class already has one of a single-use attribute type.
    /// </summary>
    private static List<string> RuntimeAttributes(INamedTypeSymbol type)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var derived = true;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var declaredHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeType || !IsRuntimeNamespace(attributeType.ContainingNamespace))
                {
                    continue;
                }

                var (inherited, allowMultiple) = Usage(attributeType);
                var key = SymbolNames.MetadataName(attributeType);
                if ((!derived && !inherited) || (!allowMultiple && seen.Contains(key)))
                {
                    continue;
                }

                if (ConstantFormatter.Format(attribute) is { } expression)
                {
                    result.Add(expression);
                    declaredHere.Add(key);
                }
            }

            seen.UnionWith(declaredHere);
            derived = false;
        }

        return result;
    }

    private static bool IsRuntimeNamespace(INamespaceSymbol? ns)
    {
        var name = ns?.ToDisplayString() ?? string.Empty;
        return name == WellKnown.RuntimeNamespace || name.StartsWith(WellKnown.RuntimeNamespace + ".", StringComparison.Ordinal);
    }

    private static (bool Inherited, bool AllowMultiple) Usage(INamedTypeSymbol attributeType)
    {
        for (var current = attributeType; current is not null; current = current.BaseType)
        {
            if (TypeClassifier.FindAttribute(current, WellKnown.AttributeUsageAttribute) is { } usage)
            {
                var inherited = usage.NamedArguments.FirstOrDefault(a => a.Key == "Inherited").Value.Value as bool? ?? true;
                var allowMultiple = usage.NamedArguments.FirstOrDefault(a => a.Key == "AllowMultiple").Value.Value as bool? ?? false;
                return (inherited, allowMultiple);
            }
        }

        return (true, false);
    }

    /// <summary>The arguments of the public constructor with the most parameters (internal ones if none is public).</summary>
    private static List<string>? FactoryArguments(INamedTypeSymbol type, Compilation compilation, string metadataName)
    {
        var constructor = type.InstanceConstructors
            .Where(c => compilation.IsSymbolAccessibleWithin(c, compilation.Assembly))
            .OrderByDescending(c => c.DeclaredAccessibility == Accessibility.Public)
            .ThenByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            return null;
        }

        var arguments = new List<string>();
        foreach (var parameter in constructor.Parameters)
        {
            arguments.Add(Argument(parameter, metadataName));
        }

        return arguments;
    }

    private static string Argument(IParameterSymbol parameter, string metadataName)
    {
        if (TypeClassifier.FindAttribute(parameter, WellKnown.PersistentStateAttribute) is { } state
            && parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } stateType
            && TypeClassifier.Is(stateType, WellKnown.IPersistentState))
        {
            var arguments = state.ConstructorArguments;
            var stateName = arguments.Length > 0 ? ConstantFormatter.Format(arguments[0]) : "null";
            var storageName = arguments.Length > 1 ? ConstantFormatter.Format(arguments[1]) : "null";
            return "context.GetPersistentState<" + SymbolNames.Display(stateType.TypeArguments[0]) + ">(" + stateName + ", " + storageName + ")";
        }

        var plain = SymbolNames.DisplayPlain(parameter.Type);
        if (parameter.Type.IsReferenceType && parameter.Type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return "context.ActivationServices.GetService(typeof(" + plain + ")) as " + plain;
        }

        return "global::FlashSale.Runtime.CodeGeneration.GeneratedCodeHelpers.GetRequiredService<" + plain + ">(context, "
            + SymbolNames.Literal(metadataName) + ")";
    }
}
