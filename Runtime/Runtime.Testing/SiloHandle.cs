using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Runtime.Testing;

/// <summary>A silo of a <see cref="TestCluster"/>.</summary>
public sealed class SiloHandle
{
    internal SiloHandle(string name, IHost host)
    {
        Name = name;
        Host = host;
        var details = host.Services.GetRequiredService<LocalSiloDetails>();
        SiloAddress = details.SiloAddress;
        Datacenter = details.Datacenter;
        SiloHost = host.Services.GetRequiredService<SiloHost>();
        GatewayEndpoint = SiloHost.MessageCenter?.GatewayEndpoint;
        Runtime = host.Services.GetRequiredService<SiloRuntime>();
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>The silo's address; its string form equals <c>RuntimeIdentity</c> of grains hosted there.</summary>
    public SiloAddress SiloAddress { get; }

    /// <summary>The endpoint clients connect to, if the silo has a gateway.</summary>
    public System.Net.IPEndPoint? GatewayEndpoint { get; }

    /// <summary>The silo's datacenter.</summary>
    public string Datacenter { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider ServiceProvider => Host.Services;

    /// <summary>The silo's own grain factory.</summary>
    public IGrainFactory GrainFactory => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's status.</summary>
    public SiloStatus Status => SiloHost.Status;

    /// <summary>Whether the silo is serving.</summary>
    public bool IsActive => Status == SiloStatus.Active;

    /// <summary>How many activations the silo holds.</summary>
    public int ActivationCount => Runtime.Catalog.ActivationCount;

    internal IHost Host { get; }

    internal SiloHost SiloHost { get; }

    internal SiloRuntime Runtime { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {SiloAddress} ({Datacenter}, {Status})";
}
