namespace FlashSale.Runtime.Networking;

/// <summary>What the sender of a hello is.</summary>
internal enum ConnectionRole : byte
{
    /// <summary>A silo; its hello carries its <see cref="SiloAddress"/>.</summary>
    Silo = 0,

    /// <summary>A cluster client; its hello carries a client id.</summary>
    Client = 1,
}
