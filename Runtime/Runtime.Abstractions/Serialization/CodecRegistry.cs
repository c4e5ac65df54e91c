using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Serialization.Codecs;

namespace FlashSale.Runtime.Serialization;

// Design note
//
// Guarantees
// - Every type resolves to one codec instance for the life of the process: resolution is cached, and racing
//   resolvers agree on the first instance stored. Codec<T>.Instance is therefore a static readonly field and
//   the hot path never consults this registry.
// - Resolution order for a type T: an explicit registration (Register, or generated AddCodec); else the
//   generated code of T's assembly is loaded (lazily, once per assembly) and the registrations are tried again;
//   else the built-in codecs (BuiltInCodecs). One exception: GrainId always uses its built-in codec, which has
//   the generated wire shape but can also read the default id (GrainId's constructor rejects it).
// - Generic codecs are closed with MakeGenericType + Activator once per closed type, never per call.
// - Aliases (TypeAliases) name types on the wire. An alias from the wire resolves only to registered, built-in
//   or composed (array, closed generic) types, or, looked up by name through reflection, to enums, exceptions
//   and grain interfaces: arbitrary types are unreachable from the wire.
//
// Invariants
// - An alias names one type. Registrations precede the first use of a type (generated code registers when its
//   assembly is first touched, which happens before built-ins are considered). A later Register replaces the
//   codec for new lookups but not for a Codec<T>.Instance that was already initialised.
//
// Failure behaviour
// - An unknown type raises SerializationException naming the type and what to add. Codec<T>.Instance of an
//   unknown type is a stand-in that retries on each use and throws that exception until a codec exists (never
//   a TypeInitializationException). Malformed input raises SerializationException from the codecs.

/// <summary>Resolves codecs by type and types by wire alias.</summary>
public static class CodecRegistry
{
    private static readonly ConcurrentDictionary<Type, object> Explicit = new();
    private static readonly ConcurrentDictionary<Type, Type> ExplicitGenericDefinitions = new();
    private static readonly ConcurrentDictionary<Type, object> Resolved = new();
    private static readonly ConcurrentDictionary<Type, IObjectCodec> ObjectCodecs = new();

    /// <summary>
    /// Registers <paramref name="codec"/> (an <see cref="IFieldCodec{T}"/> of <paramref name="type"/>, ideally also an
    /// <see cref="IObjectCodec"/>) under the wire <paramref name="alias"/>. For a generic type definition, the codec is
    /// the open generic codec <see cref="Type"/>, closed over the type's arguments when a closed type is resolved.
    /// </summary>
    public static void Register(Type type, object codec, string alias)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        if (type.IsGenericTypeDefinition)
        {
            if (codec is not Type { IsGenericTypeDefinition: true } codecDefinition
                || codecDefinition.GetGenericArguments().Length != type.GetGenericArguments().Length)
            {
                throw new ArgumentException($"The codec of the generic definition '{type.FullName}' must be an open generic codec type of the same arity.", nameof(codec));
            }

            TypeAliases.Register(type, alias);
            ExplicitGenericDefinitions[type] = codecDefinition;
        }
        else
        {
            if (!typeof(IFieldCodec<>).MakeGenericType(type).IsInstanceOfType(codec))
            {
                throw new ArgumentException($"'{codec.GetType().FullName}' is not an IFieldCodec<{type.FullName}>.", nameof(codec));
            }

            TypeAliases.Register(type, alias);
            if (BuiltInCodecs.GetPinned(type) is not null)
            {
                PolymorphicCodec.ClearCaches();
                return;
            }

            Explicit[type] = codec;
            Resolved[type] = codec;
            if (codec is IObjectCodec objectCodec)
            {
                ObjectCodecs[type] = objectCodec;
            }
            else
            {
                ObjectCodecs.TryRemove(type, out _);
            }
        }

        PolymorphicCodec.ClearCaches();
    }

    /// <summary>Resolves the codec of <typeparamref name="T"/>; <see cref="SerializationException"/> when there is none.</summary>
    public static IFieldCodec<T> GetCodec<T>() =>
        ResolveCodec(typeof(T)) as IFieldCodec<T>
        ?? throw new SerializationException($"The codec registered for '{typeof(T).FullName}' does not implement IFieldCodec<{typeof(T).Name}>.");

    /// <summary>The codec that writes and reads bodies of values whose runtime type is exactly <paramref name="runtimeType"/>.</summary>
    public static IObjectCodec GetObjectCodec(Type runtimeType)
    {
        if (ObjectCodecs.TryGetValue(runtimeType, out var codec))
        {
            return codec;
        }

        codec = ResolveCodec(runtimeType) as IObjectCodec
            ?? throw new SerializationException($"The codec of '{runtimeType.FullName}' cannot handle values declared as another type (it does not implement IObjectCodec).");
        return ObjectCodecs.GetOrAdd(runtimeType, codec);
    }

    /// <summary>The wire alias of <paramref name="type"/>.</summary>
    public static string GetAlias(Type type) => TypeAliases.GetAlias(type);

    /// <summary>The type named by a wire alias; <see cref="SerializationException"/> when this process does not know it.</summary>
    public static Type ResolveAlias(string alias) => TypeAliases.Resolve(alias);

    /// <summary>Whether values of <paramref name="type"/> are immutable, so that copying one may return it unchanged.</summary>
    public static bool IsShallowCopyable(Type type) => ShallowCopyPolicy.IsShallowCopyable(type);

    /// <summary>The codec for <see cref="Codec{T}.Instance"/>: the resolved one, or a stand-in that retries on use.</summary>
    internal static IFieldCodec<T> GetCodecOrDeferred<T>()
    {
        try
        {
            return GetCodec<T>();
        }
        catch (SerializationException)
        {
            return new UnresolvedCodec<T>();
        }
    }

    /// <summary>Resolves the wire name of an exception type to a concrete exception type of this process.</summary>
    internal static bool TryResolveExceptionType(string name, [NotNullWhen(true)] out Type? type) =>
        TypeAliases.TryResolve(name, out type)
        && typeof(Exception).IsAssignableFrom(type)
        && !type.IsAbstract
        && !type.ContainsGenericParameters
        && type != typeof(RemoteException);

    private static object ResolveCodec(Type type)
    {
        if (Resolved.TryGetValue(type, out var codec))
        {
            return codec;
        }

        codec = BuiltInCodecs.GetPinned(type) ?? FindExplicit(type);
        if (codec is null)
        {
            GeneratedCodeRegistry.EnsureLoaded(type.Assembly);
            codec = FindExplicit(type);
        }

        codec ??= BuiltInCodecs.TryCreate(type)
            ?? throw new SerializationException($"No codec for type '{type.FullName}'. Mark it [GenerateSerializer] (with [Id] on the members to serialize) in a project with FlashSaleCodeGen enabled, or register a codec with CodecRegistry.Register.");
        return Resolved.GetOrAdd(type, codec);
    }

    private static object? FindExplicit(Type type)
    {
        if (Explicit.TryGetValue(type, out var codec))
        {
            return codec;
        }

        if (type.IsConstructedGenericType && ExplicitGenericDefinitions.TryGetValue(type.GetGenericTypeDefinition(), out var codecDefinition))
        {
            try
            {
                return Activator.CreateInstance(codecDefinition.MakeGenericType(type.GetGenericArguments()))!;
            }
            catch (ArgumentException e)
            {
                throw new SerializationException($"The registered codec {codecDefinition.Name} cannot be closed over '{type.FullName}'.", e);
            }
        }

        return null;
    }
}
