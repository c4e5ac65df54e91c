namespace FlashSale.Runtime;

/// <summary>A client of the cluster: a grain factory whose calls travel to silos.</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The services of the client's host.</summary>
    IServiceProvider ServiceProvider { get; }
}
