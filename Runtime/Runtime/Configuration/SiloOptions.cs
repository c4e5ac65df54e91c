namespace FlashSale.Runtime.Configuration;

/// <summary>Identity and endpoints of a silo.</summary>
public sealed class SiloOptions
{
    /// <summary>The default silo-to-silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The default gateway port.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The default datacenter label.</summary>
    public const string DefaultDatacenter = "dc1";

    /// <summary>The cluster this silo joins; silos of different clusters never talk.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service the cluster runs; storage keys are scoped by it.</summary>
    public string ServiceId { get; set; } = "flashsale";

    /// <summary>A name for logs and dashboards; defaults to the machine name and port.</summary>
    public string? SiloName { get; set; }

    /// <summary>The datacenter this silo runs in.</summary>
    public string Datacenter { get; set; } = DefaultDatacenter;

    /// <summary>The IP address other silos and clients use to reach this silo.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port (0 picks a free port).</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>The client gateway port (0 picks a free port; -1 disables the gateway).</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return "Silo:ClusterId must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return "Silo:ServiceId must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(Datacenter))
        {
            yield return "Silo:Datacenter must not be empty.";
        }

        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"Silo:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.";
        }

        if (SiloPort is < 0 or > 65535)
        {
            yield return $"Silo:SiloPort {SiloPort} is not a port number.";
        }

        if (GatewayPort is < -1 or > 65535)
        {
            yield return $"Silo:GatewayPort {GatewayPort} is not a port number (or -1 for no gateway).";
        }
    }
}
