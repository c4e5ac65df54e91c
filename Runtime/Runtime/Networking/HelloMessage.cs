namespace FlashSale.Runtime.Networking;

/// <summary>The content of a hello frame.</summary>
/// <param name="Role">Whether the sender is a silo or a client.</param>
/// <param name="Silo">The sending silo's address (silos only).</param>
/// <param name="ClientId">The sending client's id (clients only).</param>
/// <param name="ClusterId">The cluster the sender belongs to; a mismatch closes the connection.</param>
internal sealed record HelloMessage(ConnectionRole Role, SiloAddress? Silo, string? ClientId, string ClusterId)
{
    /// <summary>The hello of a silo.</summary>
    public static HelloMessage ForSilo(SiloAddress silo, string clusterId) => new(ConnectionRole.Silo, silo, null, clusterId);

    /// <summary>The hello of a client.</summary>
    public static HelloMessage ForClient(string clientId, string clusterId) => new(ConnectionRole.Client, null, clientId, clusterId);

    /// <inheritdoc />
    public override string ToString() => Role == ConnectionRole.Silo ? $"silo {Silo}" : $"client {ClientId}";
}
