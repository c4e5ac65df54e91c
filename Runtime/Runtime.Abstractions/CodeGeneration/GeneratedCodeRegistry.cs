using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.CodeGeneration;

/// <summary>
/// The process-wide table of generated code: proxy factories by interface, request factories by wire alias,
/// grain classes, and (through <see cref="CodecRegistry"/>) codecs. Generated providers fill it; an assembly
/// is loaded into it the first time one of its types is needed (one attribute lookup per assembly, never per
/// call), or eagerly by <see cref="EnsureLoaded(Assembly)"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<IGrainReferenceRuntime, GrainId, GrainReference>> Proxies = new();
    private static readonly ConcurrentDictionary<string, Func<RequestBase>> Requests = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainClassMetadata> GrainClassesByType = new();
    private static readonly ConcurrentDictionary<Assembly, bool> LoadedAssemblies = new();
    private static readonly Lock LoadLock = new();

    /// <summary>Every grain class registered so far.</summary>
    public static ICollection<GrainClassMetadata> GrainClasses => GrainClassesByType.Values;

    /// <summary>Registers the proxy factory of a grain interface.</summary>
    public static void AddProxy(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> factory) => Proxies[interfaceType] = factory;

    /// <summary>Registers the factory of a request type under its wire alias.</summary>
    public static void AddRequest(string alias, Func<RequestBase> factory) => Requests[alias] = factory;

    /// <summary>Registers a grain class.</summary>
    public static void AddGrainClass(GrainClassMetadata metadata) => GrainClassesByType[metadata.GrainClass] = metadata;

    /// <summary>Registers a codec of <typeparamref name="T"/> under <paramref name="alias"/>.</summary>
    public static void AddCodec<T>(IFieldCodec<T> codec, string alias) => CodecRegistry.Register(typeof(T), codec, alias);

    /// <summary>Gets the proxy factory of a grain interface.</summary>
    public static Func<IGrainReferenceRuntime, GrainId, GrainReference> GetProxyFactory(Type interfaceType)
    {
        if (Proxies.TryGetValue(interfaceType, out var factory))
        {
            return factory;
        }

        EnsureLoaded(interfaceType.Assembly);
        return Proxies.TryGetValue(interfaceType, out factory)
            ? factory
            : throw new InvalidOperationException($"No generated proxy for '{interfaceType.FullName}'. Is it a grain interface in a project with FlashSaleCodeGen enabled?");
    }

    /// <summary>Creates an empty request of the given wire alias (for deserialization).</summary>
    public static RequestBase CreateRequest(string alias) =>
        Requests.TryGetValue(alias, out var factory)
            ? factory()
            : throw new SerializationException($"Unknown request type '{alias}': the receiving process does not have the grain interface that declares it.");

    /// <summary>Loads the generated code of <paramref name="assembly"/> if it has any and has not been loaded.</summary>
    public static void EnsureLoaded(Assembly assembly)
    {
        if (LoadedAssemblies.ContainsKey(assembly))
        {
            return;
        }

        lock (LoadLock)
        {
            if (LoadedAssemblies.ContainsKey(assembly))
            {
                return;
            }

            foreach (var attribute in assembly.GetCustomAttributes<GeneratedCodeProviderAttribute>())
            {
                var provider = (IGeneratedCodeProvider)Activator.CreateInstance(attribute.ProviderType, nonPublic: true)!;
                provider.Register();
            }

            LoadedAssemblies[assembly] = true;
        }
    }

    /// <summary>
    /// Loads the generated code of every assembly in the process and of the assemblies the entry assembly
    /// references, transitively: silos call it at start so that all grain classes are known.
    /// </summary>
    public static void LoadAll()
    {
        var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies());
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            pending.Push(entry);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var abstractions = typeof(GeneratedCodeRegistry).Assembly.GetName().Name;
        while (pending.TryPop(out var assembly))
        {
            if (assembly.IsDynamic || !seen.Add(assembly.FullName ?? assembly.GetName().Name ?? string.Empty))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies();
            var usesRuntime = assembly.GetName().Name == abstractions || references.Any(r => r.Name == abstractions);
            if (!usesRuntime)
            {
                continue;
            }

            EnsureLoaded(assembly);
            foreach (var reference in references)
            {
                if (seen.Contains(reference.FullName))
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (IOException)
                {
                    // A reference that is not deployed (compile-time only) cannot hold grains we need.
                }
                catch (BadImageFormatException)
                {
                }
            }
        }
    }
}
