using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FlashSale.Runtime.CodeGen.Diagnostics;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>Projects models onto the (small, equatable) registrations the provider needs.</summary>
internal static class RegistrationBuilder
{
    public static ImmutableArray<Registration> For(GrainInterfaceModel model)
    {
        var builder = ImmutableArray.CreateBuilder<Registration>();
        foreach (var method in model.DeclaredMethods.Where(m => !m.IsGeneric))
        {
            builder.Add(new Registration(RegistrationKind.Request, "global::" + GeneratedNames.RequestNamespace + "." + method.RequestClass, null, method.Alias));
        }

        if (model.EmitProxy)
        {
            builder.Add(new Registration(RegistrationKind.Proxy, model.FullName, model.ProxyClass, null));
        }

        return builder.ToImmutable();
    }

    public static Registration For(SerializableTypeModel model) =>
        model.IsGeneric
            ? new(RegistrationKind.GenericCodec, model.UnboundType!, model.UnboundCodecType, model.Alias)
            : new(RegistrationKind.Codec, model.FullName, model.CodecClass, model.Alias);

    public static Registration For(GrainClassModel model) =>
        new(RegistrationKind.GrainClass, model.FullName, model.HelperClass, null);

    /// <summary>FSG011 for two requests, or two codecs, registered under one alias (across declarations).</summary>
    public static IEnumerable<DiagnosticInfo> DuplicateAliases(IEnumerable<Registration> registrations)
    {
        foreach (var group in registrations
                     .Where(r => r.Alias is not null && r.Kind is RegistrationKind.Request or RegistrationKind.Codec or RegistrationKind.GenericCodec)
                     .GroupBy(r => (Kind: r.Kind == RegistrationKind.Request ? 0 : 1, r.Alias))
                     .Where(g => g.Count() > 1))
        {
            var types = group.Select(r => r.Type).OrderBy(t => t, System.StringComparer.Ordinal).ToList();
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAlias, null, group.Key.Alias!, types[0], types[1]);
        }
    }
}
