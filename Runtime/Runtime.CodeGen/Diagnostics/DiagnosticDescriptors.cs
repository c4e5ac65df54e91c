using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Diagnostics;

/// <summary>The diagnostics of the generator. All are errors: code that would fail at run time fails the build.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FlashSale.CodeGen";

    public static readonly DiagnosticDescriptor InvalidReturnType = Error(
        "FSG001",
        "Grain method has an unsupported return type",
        "Method '{1}' of grain interface '{0}' returns '{2}'; grain interface methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor NotSerializable = Error(
        "FSG002",
        "Grain method uses a type that cannot be serialized",
        "The {2} of method '{1}' of grain interface '{0}' has type '{3}', which cannot be serialized ('{4}' is not a supported type: mark it [GenerateSerializer])");

    public static readonly DiagnosticDescriptor RefParameter = Error(
        "FSG003",
        "Grain method has a ref, out or in parameter",
        "Parameter '{2}' of method '{1}' of grain interface '{0}' is passed by reference ('{3}'); grain method arguments are passed by value");

    public static readonly DiagnosticDescriptor OneWayReturnsValue = Error(
        "FSG004",
        "One-way grain method returns a value",
        "Method '{1}' of grain interface '{0}' is [OneWay] but returns '{2}'; a one-way method must return Task or ValueTask");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Error(
        "FSG005",
        "Grain method has more than one CancellationToken parameter",
        "Parameter '{2}' of method '{1}' of grain interface '{0}' is a second CancellationToken; a grain method takes at most one");

    public static readonly DiagnosticDescriptor DuplicateId = Error(
        "FSG006",
        "Serialized members share an [Id]",
        "Member '{1}' of '{0}' has [Id({2})], already used by member '{3}'; each serialized member of a type needs its own id");

    public static readonly DiagnosticDescriptor PropertyOrEvent = Error(
        "FSG007",
        "Grain interface declares a property or an event",
        "Grain interface '{0}' declares the {1} '{2}'; grain interfaces may only declare methods");

    public static readonly DiagnosticDescriptor GenericSerializableType = Error(
        "FSG008",
        "Serializable types nested in generic types are not supported yet",
        "'{0}' is nested in a generic type; serializable types nested in generic types are not supported yet (a generic type itself is)");

    public static readonly DiagnosticDescriptor GenericGrainInterface = Error(
        "FSG009",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic (or nested in a generic type); generic grain interfaces are not supported because their proxies cannot be created without reflection");

    public static readonly DiagnosticDescriptor Inaccessible = Error(
        "FSG010",
        "Type is not accessible to generated code",
        "{0} '{1}' is not accessible from generated code; make it (and its containing types) internal or public");

    public static readonly DiagnosticDescriptor DuplicateAlias = Error(
        "FSG011",
        "Two generated types share a wire alias",
        "The wire alias '{0}' is used by both '{1}' and '{2}'; give one of them a distinct [Alias]");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Index(
        InvalidReturnType,
        NotSerializable,
        RefParameter,
        OneWayReturnsValue,
        MultipleCancellationTokens,
        DuplicateId,
        PropertyOrEvent,
        GenericSerializableType,
        GenericGrainInterface,
        Inaccessible,
        DuplicateAlias);

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            map.Add(descriptor.Id, descriptor);
        }

        return map;
    }
}
