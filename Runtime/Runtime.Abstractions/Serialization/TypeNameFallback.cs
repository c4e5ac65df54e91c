using System.Collections.Concurrent;
using System.Reflection;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Last resort of alias resolution: finds a loaded type by full name or by its <see cref="AliasAttribute"/>, for
/// the kinds of types nobody registers (enums, exceptions, grain interfaces). Only those kinds are ever returned,
/// so a wire name cannot make the reader touch arbitrary types; assembly-qualified names are refused so it never
/// loads an assembly either. Reflection here runs on a miss only, and the alias scan once per assembly.
/// </summary>
internal static class TypeNameFallback
{
    private static readonly ConcurrentDictionary<Assembly, Dictionary<string, Type>> AliasMaps = new();
    private static readonly Func<Assembly, Dictionary<string, Type>> BuildAliasMapFunc = BuildAliasMap;
    private static readonly string AbstractionsName = typeof(TypeNameFallback).Assembly.GetName().Name!;

    /// <summary>The enum, exception or grain interface named <paramref name="name"/>, or null.</summary>
    public static Type? Find(string name)
    {
        var type = FindByFullName(name) ?? FindByAliasAttribute(name);
        return type is not null && IsResolvableByName(type) ? type : null;
    }

    /// <summary>Whether <paramref name="type"/> is of a kind that may be looked up by name.</summary>
    public static bool IsResolvableByName(Type type) =>
        type.IsEnum
        || typeof(Exception).IsAssignableFrom(type)
        || (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type));

    private static Type? FindByFullName(string name)
    {
        if (name.AsSpan().IndexOfAny(",[]&*") >= 0)
        {
            return null;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            try
            {
                if (assembly.GetType(name, throwOnError: false) is { } type)
                {
                    return type;
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
            {
            }
        }

        return null;
    }

    private static Type? FindByAliasAttribute(string alias)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || !UsesRuntime(assembly))
            {
                continue;
            }

            if (AliasMaps.GetOrAdd(assembly, BuildAliasMapFunc).TryGetValue(alias, out var type))
            {
                return type;
            }
        }

        return null;
    }

    private static bool UsesRuntime(Assembly assembly)
    {
        if (assembly.GetName().Name == AbstractionsName)
        {
            return true;
        }

        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (reference.Name == AbstractionsName)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, Type> BuildAliasMap(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type is not null && IsResolvableByName(type) && type.GetCustomAttribute<AliasAttribute>(inherit: false) is { } alias)
            {
                map.TryAdd(alias.Alias, type);
            }
        }

        return map;
    }
}
