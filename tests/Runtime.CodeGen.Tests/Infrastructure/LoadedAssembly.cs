using System.Reflection;
using System.Runtime.Loader;
using FlashSale.Runtime.CodeGeneration;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Tests.Infrastructure;

/// <summary>
/// A generated assembly emitted into memory and loaded into its own load context. Its references (the runtime
/// assemblies) resolve to the copies already loaded by the test, so the registries it fills are the test's own.
/// </summary>
internal static class LoadedAssembly
{
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName + "-" + Guid.NewGuid().ToString("N")).LoadFromStream(image);
    }

    /// <summary>Creates the provider named by the assembly's <see cref="GeneratedCodeProviderAttribute"/>.</summary>
    public static IGeneratedCodeProvider Provider(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<GeneratedCodeProviderAttribute>();
        Assert.NotNull(attribute);
        return (IGeneratedCodeProvider)Activator.CreateInstance(attribute.ProviderType, nonPublic: true)!;
    }

    /// <summary>Invokes a public static method without arguments of a type of the assembly.</summary>
    public static object? Invoke(Assembly assembly, string typeName, string methodName)
    {
        var method = assembly.GetType(typeName, throwOnError: true)!.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return method.Invoke(null, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
