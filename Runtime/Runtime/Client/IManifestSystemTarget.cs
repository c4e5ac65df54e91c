namespace FlashSale.Runtime.Client;

/// <summary>Tells clients which grain classes the cluster hosts, so they can address grains by interface.</summary>
public interface IManifestSystemTarget : ISystemTarget
{
    /// <summary>The grain classes of the silo.</summary>
    Task<List<GrainClassInfo>> GetManifest();
}
