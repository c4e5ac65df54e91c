using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Reflection;
using System.Text;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// The two-way map between types and their wire aliases. A type's alias is its registered alias, else a short
/// built-in name ("int", "List`1"), else its <see cref="AliasAttribute"/>, else its full name; arrays are
/// <c>elem[]</c> and closed generics <c>def[arg1,arg2]</c>, composed and parsed recursively. Parsing is bounded in
/// length and nesting because aliases arrive from the network.
/// </summary>
internal static class TypeAliases
{
    /// <summary>The alias every grain reference is written under, whatever its generated proxy class.</summary>
    public const string GrainReferenceAlias = "GrainReference";

    private const int MaxAliasLength = 2048;
    private const int MaxNesting = 16;
    private const int MaxRememberedMisses = 4096;

    private static readonly ConcurrentDictionary<Type, string> Aliases = new();
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    // Names recently found unknown: junk aliases from the network must not cost an assembly scan each. Bounded,
    // and forgotten whenever new assemblies load (they may declare the name).
    private static readonly ConcurrentDictionary<string, bool> Misses = new(StringComparer.Ordinal);
    private static int s_scannedAssemblies;

    static TypeAliases()
    {
        (Type Type, string Alias)[] builtIns =
        [
            (typeof(bool), "bool"), (typeof(byte), "byte"), (typeof(sbyte), "sbyte"), (typeof(short), "short"),
            (typeof(ushort), "ushort"), (typeof(int), "int"), (typeof(uint), "uint"), (typeof(long), "long"),
            (typeof(ulong), "ulong"), (typeof(nint), "nint"), (typeof(nuint), "nuint"), (typeof(char), "char"),
            (typeof(float), "float"), (typeof(double), "double"), (typeof(decimal), "decimal"), (typeof(string), "string"),
            (typeof(object), "object"), (typeof(Guid), "Guid"), (typeof(DateTime), "DateTime"),
            (typeof(DateTimeOffset), "DateTimeOffset"), (typeof(TimeSpan), "TimeSpan"), (typeof(DateOnly), "DateOnly"),
            (typeof(TimeOnly), "TimeOnly"), (typeof(Uri), "Uri"), (typeof(Version), "Version"),
            (typeof(IPAddress), "IPAddress"), (typeof(IPEndPoint), "IPEndPoint"), (typeof(GrainReference), GrainReferenceAlias),
            (typeof(Nullable<>), "Nullable`1"), (typeof(List<>), "List`1"), (typeof(Dictionary<,>), "Dictionary`2"),
            (typeof(HashSet<>), "HashSet`1"), (typeof(Queue<>), "Queue`1"), (typeof(Stack<>), "Stack`1"),
            (typeof(ImmutableArray<>), "ImmutableArray`1"), (typeof(KeyValuePair<,>), "KeyValuePair`2"),
            (typeof(IEnumerable<>), "IEnumerable`1"), (typeof(IReadOnlyList<>), "IReadOnlyList`1"),
            (typeof(IList<>), "IList`1"), (typeof(ICollection<>), "ICollection`1"),
            (typeof(IReadOnlyCollection<>), "IReadOnlyCollection`1"), (typeof(IDictionary<,>), "IDictionary`2"),
            (typeof(IReadOnlyDictionary<,>), "IReadOnlyDictionary`2"),
            (typeof(ValueTuple<>), "ValueTuple`1"), (typeof(ValueTuple<,>), "ValueTuple`2"), (typeof(ValueTuple<,,>), "ValueTuple`3"),
            (typeof(ValueTuple<,,,>), "ValueTuple`4"), (typeof(ValueTuple<,,,,>), "ValueTuple`5"),
            (typeof(ValueTuple<,,,,,>), "ValueTuple`6"), (typeof(ValueTuple<,,,,,,>), "ValueTuple`7"),
            (typeof(Tuple<>), "Tuple`1"), (typeof(Tuple<,>), "Tuple`2"), (typeof(Tuple<,,>), "Tuple`3"),
            (typeof(Tuple<,,,>), "Tuple`4"), (typeof(Tuple<,,,,>), "Tuple`5"), (typeof(Tuple<,,,,,>), "Tuple`6"),
            (typeof(Tuple<,,,,,,>), "Tuple`7"),
        ];
        foreach (var (type, alias) in builtIns)
        {
            Aliases[type] = alias;
            Types[alias] = type;
        }
    }

    /// <summary>Maps <paramref name="type"/> and <paramref name="alias"/> to each other; an alias names one type only.</summary>
    public static void Register(Type type, string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var existing = Types.GetOrAdd(alias, type);
        if (existing != type)
        {
            throw new InvalidOperationException($"The alias '{alias}' already names '{existing.FullName}' and cannot also name '{type.FullName}'.");
        }

        Aliases[type] = alias;
    }

    /// <summary>The alias of <paramref name="type"/>.</summary>
    public static string GetAlias(Type type)
    {
        if (Aliases.TryGetValue(type, out var alias))
        {
            return alias;
        }

        // Generated code registers aliases as it loads: load it before falling back to a computed alias.
        GeneratedCodeRegistry.EnsureLoaded(type.Assembly);
        if (Aliases.TryGetValue(type, out alias))
        {
            return alias;
        }

        alias = Compute(type);
        Types.TryAdd(alias, type);
        return Aliases.GetOrAdd(type, alias);
    }

    /// <summary>The type an alias names; <see cref="SerializationException"/> when it is unknown here.</summary>
    public static Type Resolve(string alias) =>
        TryResolve(alias, out var type)
            ? type
            : throw new SerializationException($"Unknown type alias '{alias}': this process has no such type, or its assembly (with generated code) is not loaded.");

    /// <summary>The type an alias names, if it is known here.</summary>
    public static bool TryResolve(string alias, [NotNullWhen(true)] out Type? type) => TryResolve(alias, 0, out type);

    private static string Compute(Type type)
    {
        if (type.IsSZArray)
        {
            return GetAlias(type.GetElementType()!) + "[]";
        }

        if (type.IsConstructedGenericType)
        {
            var builder = new StringBuilder(GetAlias(type.GetGenericTypeDefinition())).Append('[');
            var arguments = type.GetGenericArguments();
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(GetAlias(arguments[i]));
            }

            return builder.Append(']').ToString();
        }

        if (typeof(GrainReference).IsAssignableFrom(type))
        {
            return GrainReferenceAlias;
        }

        return type.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias ?? type.FullName ?? type.Name;
    }

    private static bool TryResolve(string alias, int nesting, [NotNullWhen(true)] out Type? type)
    {
        if (Types.TryGetValue(alias, out type))
        {
            return true;
        }

        if (alias.Length == 0 || alias.Length > MaxAliasLength || nesting > MaxNesting)
        {
            return false;
        }

        if (alias.EndsWith("[]", StringComparison.Ordinal))
        {
            if (!TryResolve(alias[..^2], nesting + 1, out var element) || element.ContainsGenericParameters || element == typeof(void))
            {
                return false;
            }

            type = element.MakeArrayType();
        }
        else if (alias.IndexOf('[', StringComparison.Ordinal) is var open and > 0)
        {
            if (!TryResolveGeneric(alias, open, nesting, out type))
            {
                return false;
            }
        }
        else
        {
            if (Misses.ContainsKey(alias))
            {
                return false;
            }

            LoadNewAssemblies();
            if (!Types.TryGetValue(alias, out type) && (type = TypeNameFallback.Find(alias)) is null)
            {
                if (Misses.Count >= MaxRememberedMisses)
                {
                    Misses.Clear();
                }

                Misses.TryAdd(alias, true);
                return false;
            }
        }

        // Only resolved aliases are cached, so junk from the network cannot grow the table.
        type = Types.GetOrAdd(alias, type);
        Aliases.TryAdd(type, alias);
        return true;
    }

    private static bool TryResolveGeneric(string alias, int open, int nesting, [NotNullWhen(true)] out Type? type)
    {
        type = null;
        if (alias[^1] != ']' || !TryResolve(alias[..open], nesting + 1, out var definition) || !definition.IsGenericTypeDefinition)
        {
            return false;
        }

        var arity = definition.GetGenericArguments().Length;
        var arguments = new Type[arity];
        var count = 0;
        var depth = 0;
        var start = open + 1;
        for (var i = start; i < alias.Length - 1; i++)
        {
            switch (alias[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    if (--depth < 0)
                    {
                        return false;
                    }

                    break;
                case ',' when depth == 0:
                    if (count == arity - 1 || !TryResolve(alias[start..i], nesting + 1, out var argument))
                    {
                        return false;
                    }

                    arguments[count++] = argument;
                    start = i + 1;
                    break;
            }
        }

        if (depth != 0 || count != arity - 1 || !TryResolve(alias[start..^1], nesting + 1, out var last))
        {
            return false;
        }

        arguments[count] = last;
        try
        {
            type = definition.MakeGenericType(arguments);
            return true;
        }
        catch (ArgumentException)
        {
            // The arguments violate the definition's constraints.
            return false;
        }
    }

    // Generated code registers its aliases when its assembly is loaded into the registry: on a miss, load the
    // assemblies that appeared since the last miss before concluding that an alias is unknown.
    private static void LoadNewAssemblies()
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        if (assemblies.Length == Volatile.Read(ref s_scannedAssemblies))
        {
            return;
        }

        foreach (var assembly in assemblies)
        {
            if (!assembly.IsDynamic)
            {
                GeneratedCodeRegistry.EnsureLoaded(assembly);
            }
        }

        Misses.Clear();
        Volatile.Write(ref s_scannedAssemblies, assemblies.Length);
    }
}
