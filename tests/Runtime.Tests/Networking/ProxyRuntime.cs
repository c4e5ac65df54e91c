using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>
/// The runtime behind test proxies: stamps a request like the silo's runtime client does (target, interface,
/// deadline) and hands it to a transport; the transport's completion signals the awaiting caller.
/// </summary>
internal sealed class ProxyRuntime(TimeProvider time, TimeSpan timeout, Action<RequestBase> send) : IGrainReferenceRuntime
{
    public IGrainFactory GrainFactory => throw new NotSupportedException("Test proxies have no grain factory.");

    public void SendRequest(GrainReference target, RequestBase request)
    {
        request.TargetGrain = target.GrainId;
        request.TargetInterface = target.InterfaceType;
        request.Deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        send(request);
    }

    public GrainReference CreateReference(GrainId grainId, Type interfaceType) =>
        GeneratedCodeRegistry.GetProxyFactory(interfaceType)(this, grainId);

    public TGrain Get<TGrain>(string key)
        where TGrain : IGrain =>
        (TGrain)(object)CreateReference(GrainId.Create("echo", key), typeof(TGrain));
}
