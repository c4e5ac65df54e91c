using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlashSale.Runtime.CodeGen.Diagnostics;
using FlashSale.Runtime.CodeGen.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>
/// Turns a <c>[GenerateSerializer]</c> type into a <see cref="SerializableTypeModel"/>: its serialized members per
/// hierarchy level, how each is read and stored, and how instances are created (FSG006, FSG008, FSG010).
/// </summary>
internal static class SerializableTypeAnalyzer
{
    public static AnalysisResult<SerializableTypeModel>? Analyze(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsRefLikeType)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var typeName = type.ToDisplayString();
        if (type.ContainingType is { } container && SymbolNames.IsGenericOrNestedInGeneric(container))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericSerializableType, location, typeName));
            return new AnalysisResult<SerializableTypeModel>(null, diagnostics.ToEquatableArray());
        }

        if (!TypeAccessibility.IsVisibleToGeneratedCode(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, "Serializable type", typeName));
            return new AnalysisResult<SerializableTypeModel>(null, diagnostics.ToEquatableArray());
        }

        var chain = new List<INamedTypeSymbol> { type };
        for (var current = type.BaseType; type.TypeKind == TypeKind.Class && current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Add(current);
        }

        var levels = new List<List<(ISymbol Member, uint Id)>>();
        foreach (var level in chain)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = level.Equals(type, SymbolEqualityComparer.Default) || !TypeClassifier.HasAttribute(level, WellKnown.GenerateSerializerAttribute);
            levels.Add(CollectMembers(level, report ? diagnostics : null));
        }

        // Base levels above the last one with members carry nothing: no empty scopes are written for them.
        while (levels.Count > 1 && levels[levels.Count - 1].Count == 0)
        {
            levels.RemoveAt(levels.Count - 1);
        }

        foreach (var (member, _) in levels.SelectMany(l => l))
        {
            if (!TypeAccessibility.IsVisibleToGeneratedCode(MemberType(member)))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.Inaccessible, LocationInfo.From(member.Locations.FirstOrDefault()), "The type of serialized member", member.ContainingType.ToDisplayString() + "." + member.Name));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new AnalysisResult<SerializableTypeModel>(null, diagnostics.ToEquatableArray());
        }

        var context = new MemberContext(compilation);
        var (construction, constructor, matched) = ChooseConstruction(type, chain, levels, context);
        var locals = new Dictionary<ISymbol, SerializableMemberModel>(SymbolEqualityComparer.Default);
        var levelModels = new List<SerializableLevelModel>();
        for (var i = 0; i < levels.Count; i++)
        {
            var members = new List<SerializableMemberModel>();
            foreach (var (member, id) in levels[i].OrderBy(m => m.Id))
            {
                var local = "m" + i + "_" + SymbolNames.MangleIdentifier(member.Name);
                var read = context.ReadKind(member, out var readField);
                string? writeField = null;
                var write = matched.Contains(member) ? MemberWriteKind.Constructor : context.WriteKind(member, construction, out writeField);
                var memberModel = new SerializableMemberModel(
                    SymbolNames.EscapeIdentifier(member.Name),
                    member.Name,
                    id,
                    SymbolNames.Display(MemberType(member)),
                    MemberType(member).IsValueType,
                    local,
                    read,
                    write,
                    readField ?? writeField,
                    SymbolNames.DisplayPlain(chain[i]),
                    chain[i].IsValueType);
                locals[member] = memberModel;
                members.Add(memberModel);
            }

            levelModels.Add(new SerializableLevelModel(SymbolNames.DisplayPlain(chain[i]), members.ToEquatableArray()));
        }

        var metadataName = SymbolNames.MetadataName(type);
        var arguments = constructor is null
            ? []
            : constructor.Parameters.Select(p => locals[FindMatch(p, levels)!].Value).ToArray();
        var model = new SerializableTypeModel(
            SymbolNames.DisplayPlain(type),
            metadataName,
            TypeClassifier.GetAlias(type) ?? metadataName,
            "Codec_" + SymbolNames.MangleIdentifier(metadataName),
            type.IsValueType,
            type.IsValueType || type.IsSealed,
            levelModels.ToEquatableArray(),
            construction,
            new EquatableArray<string>(arguments),
            type.TypeParameters.Select(t => new TypeParameterModel(t.Name, TypeParameterConstraints.Clause(t), string.Empty)).ToEquatableArray(),
            type.IsGenericType ? UnboundTypeOf(type) : null);
        return new AnalysisResult<SerializableTypeModel>(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary><c>global::Ns.Outer.Page&lt;,&gt;</c>: the containing type or namespace, the name and one comma less than the arity.</summary>
    private static string UnboundTypeOf(INamedTypeSymbol type)
    {
        var container = type.ContainingType is { } outer
            ? SymbolNames.DisplayPlain(outer) + "."
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? "global::" + ns.ToDisplayString() + "." : "global::";
        return container + SymbolNames.EscapeIdentifier(type.Name) + "<" + new string(',', type.Arity - 1) + ">";
    }

    private static ITypeSymbol MemberType(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

    /// <summary>The fields and properties of one level that carry <c>[Id]</c> (or whose positional record parameter does).</summary>
    private static List<(ISymbol Member, uint Id)> CollectMembers(INamedTypeSymbol level, List<DiagnosticInfo>? diagnostics)
    {
        var parameterIds = new Dictionary<string, uint>(StringComparer.Ordinal);
        if (level.IsRecord)
        {
            foreach (var constructor in level.InstanceConstructors)
            {
                if (constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (GetId(parameter) is { } id)
                        {
                            parameterIds[parameter.Name] = id;
                        }
                    }
                }
            }
        }

        var result = new List<(ISymbol, uint)>();
        var byId = new Dictionary<uint, ISymbol>();
        foreach (var member in level.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol { IsIndexer: false }))
            {
                continue;
            }

            var id = GetId(member) ?? (member is IPropertySymbol && parameterIds.TryGetValue(member.Name, out var fromParameter) ? fromParameter : null);
            if (id is null)
            {
                continue;
            }

            if (byId.TryGetValue(id.Value, out var previous))
            {
                diagnostics?.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateId,
                    LocationInfo.From(member.Locations.FirstOrDefault()),
                    level.ToDisplayString(),
                    member.Name,
                    id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    previous.Name));
                continue;
            }

            byId.Add(id.Value, member);
            result.Add((member, id.Value));
        }

        return result;
    }

    private static uint? GetId(ISymbol symbol) =>
        TypeClassifier.FindAttribute(symbol, WellKnown.IdAttribute) is { ConstructorArguments.Length: 1 } attribute && attribute.ConstructorArguments[0].Value is uint id ? id : null;

    /// <summary>The serialized member a constructor parameter stands for: same name ignoring case, same type; the most derived level wins.</summary>
    private static ISymbol? FindMatch(IParameterSymbol parameter, List<List<(ISymbol Member, uint Id)>> levels)
    {
        foreach (var level in levels)
        {
            foreach (var (member, _) in level)
            {
                if (string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(MemberType(member), parameter.Type))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static (ConstructionKind Kind, IMethodSymbol? Constructor, HashSet<ISymbol> Matched) ChooseConstruction(
        INamedTypeSymbol type, List<INamedTypeSymbol> chain, List<List<(ISymbol Member, uint Id)>> levels, MemberContext context)
    {
        var matched = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (type.IsAbstract)
        {
            return (ConstructionKind.Abstract, null, matched);
        }

        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0 || !context.IsAccessible(constructor) || (best is not null && best.Parameters.Length >= constructor.Parameters.Length))
            {
                continue;
            }

            var members = constructor.Parameters.Select(p => p.RefKind == RefKind.None ? FindMatch(p, levels) : null).ToList();
            if (members.All(m => m is not null) && members.Distinct(SymbolEqualityComparer.Default).Count() == members.Count)
            {
                best = constructor;
            }
        }

        best ??= type.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0 && context.IsAccessible(c));
        if (best is null)
        {
            return (type.IsValueType ? ConstructionKind.Default : ConstructionKind.Uninitialized, null, matched);
        }

        foreach (var parameter in best.Parameters)
        {
            matched.Add(FindMatch(parameter, levels)!);
        }

        // `new T { ... }` must set every required member unless the constructor says it does.
        if (!TypeClassifier.HasAttribute(best, WellKnown.SetsRequiredMembersAttribute))
        {
            var serialized = new HashSet<ISymbol>(levels.SelectMany(l => l.Select(m => m.Member)), SymbolEqualityComparer.Default);
            foreach (var member in chain.SelectMany(t => t.GetMembers()))
            {
                var required = member is IFieldSymbol { IsRequired: true } or IPropertySymbol { IsRequired: true };
                if (required && (!serialized.Contains(member) || (!matched.Contains(member) && context.WriteKind(member, ConstructionKind.Constructor, out _) != MemberWriteKind.Initializer)))
                {
                    matched.Clear();
                    return (type.IsValueType ? ConstructionKind.Default : ConstructionKind.Uninitialized, null, matched);
                }
            }
        }

        return (ConstructionKind.Constructor, best, matched);
    }
}
