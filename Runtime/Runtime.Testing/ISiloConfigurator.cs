using FlashSale.Runtime.Hosting;

namespace FlashSale.Runtime.Testing;

/// <summary>Configures every silo of a test cluster; needs a parameterless constructor.</summary>
public interface ISiloConfigurator
{
    /// <summary>Configures one silo.</summary>
    void Configure(ISiloBuilder siloBuilder);
}
