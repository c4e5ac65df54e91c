using System.Net;
using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime;

/// <summary>This silo's identity: address, name, cluster and datacenter.</summary>
public sealed class LocalSiloDetails
{
    /// <summary>Creates the details from the silo options.</summary>
    public LocalSiloDetails(IOptions<SiloOptions> options, TimeProvider time)
    {
        var o = options.Value;
        SiloAddress = new SiloAddress(new IPEndPoint(IPAddress.Parse(o.AdvertisedAddress), o.SiloPort), SiloAddress.NewGeneration(time));
        Name = o.SiloName ?? $"{Environment.MachineName}-{o.SiloPort}";
        ClusterId = o.ClusterId;
        ServiceId = o.ServiceId;
        Datacenter = o.Datacenter;
    }

    /// <summary>The silo's address.</summary>
    public SiloAddress SiloAddress { get; }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>The cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>The service id.</summary>
    public string ServiceId { get; }

    /// <summary>The datacenter label.</summary>
    public string Datacenter { get; }
}
