using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Runtime.Membership;

/// <summary>Resolves the silo's <see cref="ISiloLifetime"/> on first use, so that membership can be built before the silo host (which depends on it).</summary>
internal sealed class LazySiloLifetime(IServiceProvider services) : ISiloLifetime
{
    private ISiloLifetime? _lifetime;

    public SiloStatus Status => Lifetime.Status;

    private ISiloLifetime Lifetime => _lifetime ??= services.GetRequiredService<ISiloLifetime>();

    public void KillSelf(string reason) => Lifetime.KillSelf(reason);
}
