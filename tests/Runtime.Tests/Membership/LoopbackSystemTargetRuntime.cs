using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.SystemTargets;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>
/// A grain-reference runtime that delivers system-target calls to implementations hosted by endpoint, through the
/// wire format (arguments and results are serialized and read into a fresh request), as a remote call would be.
/// A call to generation 0 reaches whichever implementation listens on the endpoint, as the router is to do.
/// </summary>
internal sealed class LoopbackSystemTargetRuntime : IGrainReferenceRuntime
{
    private readonly ConcurrentDictionary<(string GrainType, IPEndPoint Endpoint), object> _targets = new();

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    /// <summary>The silo addresses calls were sent to.</summary>
    public ConcurrentQueue<SiloAddress> Destinations { get; } = new();

    public void Host<TInterface>(IPEndPoint endpoint, TInterface implementation)
        where TInterface : class, ISystemTarget =>
        _targets[(SystemTargetId.GrainTypeOf(typeof(TInterface)), endpoint)] = implementation;

    public GrainReference CreateReference(GrainId grainId, Type interfaceType) => GeneratedCodeRegistry.GetProxyFactory(interfaceType)(this, grainId);

    public void SendRequest(GrainReference target, RequestBase request) => _ = DeliverAsync(target, request);

    private static byte[] Write(RequestBase request, bool result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Writer(buffer);
        if (result)
        {
            request.SerializeResult(ref writer);
        }
        else
        {
            request.SerializeArguments(ref writer);
        }

        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Read(RequestBase request, byte[] data, bool result)
    {
        var reader = new Reader(data);
        if (result)
        {
            request.DeserializeResult(ref reader);
        }
        else
        {
            request.DeserializeArguments(ref reader);
        }
    }

    private async Task DeliverAsync(GrainReference target, RequestBase request)
    {
        await Task.Yield();
        try
        {
            var silo = SystemTargetId.GetSilo(target.GrainId);
            Destinations.Enqueue(silo);
            if (!_targets.TryGetValue((target.GrainId.Type, silo.Endpoint), out var implementation))
            {
                throw new SiloUnavailableException($"Nothing listens on {silo.Endpoint} for {target.GrainId.Type}.");
            }

            var remote = GeneratedCodeRegistry.CreateRequest(request.Alias);
            Read(remote, Write(request, result: false), result: false);
            await remote.InvokeAsync(implementation);
            Read(request, Write(remote, result: true), result: true);
        }
        catch (Exception e)
        {
            request.Exception = e;
        }

        if ((request.Options & InvokeMethodOptions.OneWay) == 0)
        {
            request.TrySignal();
        }
    }
}
