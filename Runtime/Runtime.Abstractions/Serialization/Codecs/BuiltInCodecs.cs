using System.Collections.Immutable;
using System.Net;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// The codecs the runtime provides for types that have no registered codec: a table of non-generic codecs, a
/// table of generic codec definitions closed over the type's arguments (reflection once per closed type, at
/// resolution, never per call), and rules for enums, arrays, exceptions, grain references and abstract types.
/// </summary>
internal static class BuiltInCodecs
{
    private static readonly Dictionary<Type, object> Simple = new()
    {
        [typeof(bool)] = new BoolCodec(),
        [typeof(byte)] = new ByteCodec(),
        [typeof(sbyte)] = new SByteCodec(),
        [typeof(short)] = new Int16Codec(),
        [typeof(ushort)] = new UInt16Codec(),
        [typeof(int)] = new Int32Codec(),
        [typeof(uint)] = new UInt32Codec(),
        [typeof(long)] = new Int64Codec(),
        [typeof(ulong)] = new UInt64Codec(),
        [typeof(nint)] = new IntPtrCodec(),
        [typeof(nuint)] = new UIntPtrCodec(),
        [typeof(char)] = new CharCodec(),
        [typeof(float)] = new SingleCodec(),
        [typeof(double)] = new DoubleCodec(),
        [typeof(decimal)] = new DecimalCodec(),
        [typeof(string)] = new StringCodec(),
        [typeof(Guid)] = new GuidCodec(),
        [typeof(DateTime)] = new DateTimeCodec(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetCodec(),
        [typeof(TimeSpan)] = new TimeSpanCodec(),
        [typeof(DateOnly)] = new DateOnlyCodec(),
        [typeof(TimeOnly)] = new TimeOnlyCodec(),
        [typeof(Uri)] = new UriCodec(),
        [typeof(Version)] = new VersionCodec(),
        [typeof(IPAddress)] = new IPAddressCodec(),
        [typeof(IPEndPoint)] = new IPEndPointCodec(),
        [typeof(byte[])] = new ByteArrayCodec(),
        [typeof(object)] = new ObjectCodec(),
        [typeof(GrainId)] = new GrainIdCodec(),
        [typeof(SiloAddress)] = new SiloAddressCodec(),
        [typeof(ActivationId)] = new ActivationIdCodec(),
    };

    // Built-ins that win over registered (generated) codecs. The generated GrainId codec rebuilds the id through
    // its constructor, which rejects the default id (no type) that travels whenever a call has no sending grain;
    // this one writes the same shape and reads the default id back.
    private static readonly Dictionary<Type, object> Pinned = new()
    {
        [typeof(GrainId)] = Simple[typeof(GrainId)],
    };

    private static readonly Dictionary<Type, Type> Generic = new()
    {
        [typeof(Nullable<>)] = typeof(NullableCodec<>),
        [typeof(List<>)] = typeof(ListCodec<>),
        [typeof(Dictionary<,>)] = typeof(DictionaryCodec<,>),
        [typeof(HashSet<>)] = typeof(HashSetCodec<>),
        [typeof(Queue<>)] = typeof(QueueCodec<>),
        [typeof(Stack<>)] = typeof(StackCodec<>),
        [typeof(ImmutableArray<>)] = typeof(ImmutableArrayCodec<>),
        [typeof(KeyValuePair<,>)] = typeof(KeyValuePairCodec<,>),
        [typeof(ValueTuple<>)] = typeof(ValueTupleCodec<>),
        [typeof(ValueTuple<,>)] = typeof(ValueTupleCodec<,>),
        [typeof(ValueTuple<,,>)] = typeof(ValueTupleCodec<,,>),
        [typeof(ValueTuple<,,,>)] = typeof(ValueTupleCodec<,,,>),
        [typeof(ValueTuple<,,,,>)] = typeof(ValueTupleCodec<,,,,>),
        [typeof(ValueTuple<,,,,,>)] = typeof(ValueTupleCodec<,,,,,>),
        [typeof(ValueTuple<,,,,,,>)] = typeof(ValueTupleCodec<,,,,,,>),
        [typeof(Tuple<>)] = typeof(TupleCodec<>),
        [typeof(Tuple<,>)] = typeof(TupleCodec<,>),
        [typeof(Tuple<,,>)] = typeof(TupleCodec<,,>),
        [typeof(Tuple<,,,>)] = typeof(TupleCodec<,,,>),
        [typeof(Tuple<,,,,>)] = typeof(TupleCodec<,,,,>),
        [typeof(Tuple<,,,,,>)] = typeof(TupleCodec<,,,,,>),
        [typeof(Tuple<,,,,,,>)] = typeof(TupleCodec<,,,,,,>),
    };

    private static readonly HashSet<Type> CollectionInterfaces =
    [
        typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IList<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>),
    ];

    private static readonly HashSet<Type> DictionaryInterfaces = [typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    /// <summary>The built-in codec that takes precedence over any registration for <paramref name="type"/>, if any.</summary>
    public static object? GetPinned(Type type) => Pinned.GetValueOrDefault(type);

    /// <summary>The built-in codec of <paramref name="type"/>, or null when the runtime has none.</summary>
    public static object? TryCreate(Type type)
    {
        if (Simple.TryGetValue(type, out var codec))
        {
            return codec;
        }

        if (type.ContainsGenericParameters || type.IsByRef || type.IsPointer || type.IsByRefLike)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return Create(typeof(EnumCodec<>), type);
        }

        if (type.IsSZArray)
        {
            return Create(typeof(ArrayCodec<>), type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (Generic.TryGetValue(definition, out var codecDefinition))
            {
                return Create(codecDefinition, arguments);
            }

            if (CollectionInterfaces.Contains(definition))
            {
                return Create(typeof(CollectionInterfaceCodec<,>), type, arguments[0]);
            }

            if (DictionaryInterfaces.Contains(definition))
            {
                return Create(typeof(DictionaryInterfaceCodec<,,>), type, arguments[0], arguments[1]);
            }
        }

        if (typeof(Exception).IsAssignableFrom(type))
        {
            return Create(typeof(ExceptionCodec<>), type);
        }

        if (typeof(GrainReference).IsAssignableFrom(type) || (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type)))
        {
            return Create(typeof(GrainReferenceCodec<>), type);
        }

        if (type.IsInterface || (type.IsAbstract && !type.IsSealed && !type.IsValueType))
        {
            return Create(typeof(PolymorphicCodec<>), type);
        }

        return null;
    }

    private static object Create(Type codecDefinition, params Type[] arguments)
    {
        try
        {
            return Activator.CreateInstance(codecDefinition.MakeGenericType(arguments))!;
        }
        catch (ArgumentException e)
        {
            throw new SerializationException($"The built-in codec {codecDefinition.Name} cannot handle {string.Join(", ", (object[])arguments)}.", e);
        }
    }
}
