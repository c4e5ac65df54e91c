using FlashSale.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Runtime.Hosting;

/// <summary>Registers the in-memory grain storage provider.</summary>
public static class MemoryGrainStorageExtensions
{
    /// <summary>Adds a memory grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddKeyedSingleton<MemoryGrainStorageStore>(name, (sp, _) => sp.GetService<SharedMemoryProviders>()?.GetStore(name) ?? new MemoryGrainStorageStore());
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new MemoryGrainStorage(name, sp.GetRequiredKeyedService<MemoryGrainStorageStore>(name)));
        return builder;
    }

    /// <summary>Adds a memory grain storage as the default provider.</summary>
    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder) => builder.AddMemoryGrainStorage(GrainStorageNames.Default);
}
