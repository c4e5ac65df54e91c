using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>A grain interface whose calls carry grain references, to check they bind to the receiving runtime.</summary>
public interface IRelayGrain : IGrainWithStringKey
{
    Task<IEchoGrain> Relay(IEchoGrain target);
}
