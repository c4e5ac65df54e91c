using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization;

/// <summary>Decides, once per type, whether a value can be shared instead of deep copied.</summary>
internal static class ShallowCopyPolicy
{
    private static readonly ConcurrentDictionary<Type, bool> Cache = new();

    private static readonly HashSet<Type> Immutable =
    [
        typeof(string), typeof(decimal), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        typeof(DateOnly), typeof(TimeOnly), typeof(Uri), typeof(Version), typeof(IPAddress), typeof(IPEndPoint),
        typeof(GrainId), typeof(SiloAddress), typeof(ActivationId),
    ];

    // Generic containers that are immutable themselves, hence shallow-copyable when all their arguments are.
    private static readonly HashSet<Type> ImmutableContainers =
    [
        typeof(Nullable<>), typeof(KeyValuePair<,>), typeof(ImmutableArray<>),
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
        typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>),
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>),
        typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>), typeof(Tuple<,,,,,,>),
    ];

    /// <summary>Whether values of <paramref name="type"/> are never mutated, so a copy may be the value itself.</summary>
    public static bool IsShallowCopyable(Type type) =>
        Cache.TryGetValue(type, out var result) ? result : Cache.GetOrAdd(type, Compute(type, 0));

    private static bool Compute(Type type, int depth)
    {
        if (type.IsPrimitive || type.IsEnum || Immutable.Contains(type))
        {
            return true;
        }

        if (type.IsDefined(typeof(ImmutableAttribute), inherit: false))
        {
            return true;
        }

        if (typeof(GrainReference).IsAssignableFrom(type) || (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type)))
        {
            return true;
        }

        if (depth < 8 && type.IsConstructedGenericType && ImmutableContainers.Contains(type.GetGenericTypeDefinition()))
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (!Cache.TryGetValue(argument, out var shallow))
                {
                    shallow = Compute(argument, depth + 1);
                }

                if (!shallow)
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }
}
