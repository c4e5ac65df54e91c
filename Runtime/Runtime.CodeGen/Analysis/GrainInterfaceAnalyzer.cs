using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlashSale.Runtime.CodeGen.Diagnostics;
using FlashSale.Runtime.CodeGen.Models;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain interface into a <see cref="GrainInterfaceModel"/>, checking its members (FSG001–FSG005, FSG007, FSG009–FSG011).</summary>
internal static class GrainInterfaceAnalyzer
{
    public static AnalysisResult<GrainInterfaceModel> Analyze(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var interfaceName = type.ToDisplayString();
        if (SymbolNames.IsGenericOrNestedInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericGrainInterface, location, interfaceName));
            return new AnalysisResult<GrainInterfaceModel>(null, diagnostics.ToEquatableArray());
        }

        if (!TypeAccessibility.IsVisibleToGeneratedCode(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, "Grain interface", interfaceName));
            return new AnalysisResult<GrainInterfaceModel>(null, diagnostics.ToEquatableArray());
        }

        var metadataName = SymbolNames.MetadataName(type);
        var alias = TypeClassifier.GetAlias(type) ?? metadataName;
        var declared = new List<GrainMethodModel>();
        var aliases = new Dictionary<string, string>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IPropertySymbol { IsStatic: false } property:
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PropertyOrEvent,
                        LocationInfo.From(property.Locations.FirstOrDefault()),
                        interfaceName,
                        property.IsIndexer ? "indexer" : "property",
                        property.Name));
                    break;
                case IEventSymbol { IsStatic: false } @event:
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PropertyOrEvent, LocationInfo.From(@event.Locations.FirstOrDefault()), interfaceName, "event", @event.Name));
                    break;
                case IMethodSymbol method when GrainMethodAnalyzer.IsGrainMethod(method):
                    var model = GrainMethodAnalyzer.Analyze(method, type, alias, diagnostics);
                    if (model is null)
                    {
                        break;
                    }

                    var methodName = method.ToDisplayString(SymbolNames.MethodForMessages);
                    if (aliases.TryGetValue(model.Alias, out var previous))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.DuplicateAlias, LocationInfo.From(method.Locations.FirstOrDefault()), model.Alias, previous, methodName));
                        break;
                    }

                    aliases.Add(model.Alias, methodName);
                    declared.Add(model);
                    break;
            }
        }

        var proxyMethods = diagnostics.Count == 0 ? CollectProxyMethods(type, declared) : null;
        var emitProxy = proxyMethods is not null;
        var result = new GrainInterfaceModel(
            SymbolNames.DisplayPlain(type),
            metadataName,
            "Proxy_" + SymbolNames.MangleIdentifier(metadataName),
            declared.ToEquatableArray(),
            (proxyMethods ?? []).ToEquatableArray(),
            emitProxy);
        return new AnalysisResult<GrainInterfaceModel>(result, diagnostics.ToEquatableArray());
    }

    /// <summary>The interface's own methods followed by those of its base grain interfaces; null if a base is invalid.</summary>
    private static List<GrainMethodModel>? CollectProxyMethods(INamedTypeSymbol type, List<GrainMethodModel> declared)
    {
        var methods = new List<GrainMethodModel>(declared);
        foreach (var baseInterface in type.AllInterfaces)
        {
            if (!TypeClassifier.IsGrainInterface(baseInterface))
            {
                continue;
            }

            if (SymbolNames.IsGenericOrNestedInGeneric(baseInterface) || !TypeAccessibility.IsVisibleToGeneratedCode(baseInterface))
            {
                return null;
            }

            var baseAlias = TypeClassifier.GetAlias(baseInterface) ?? SymbolNames.MetadataName(baseInterface);
            foreach (var member in baseInterface.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false } or IEventSymbol { IsStatic: false })
                {
                    return null;
                }

                if (GrainMethodAnalyzer.IsGrainMethod(member))
                {
                    var model = GrainMethodAnalyzer.Analyze((IMethodSymbol)member, baseInterface, baseAlias, diagnostics: null);
                    if (model is null)
                    {
                        return null;
                    }

                    methods.Add(model);
                }
            }
        }

        return methods;
    }
}
