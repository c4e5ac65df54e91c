using System.Buffers.Binary;
using System.Net;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Unit")]
public sealed class FrameCodecTests
{
    private static readonly SiloAddress SiloA = new(new IPEndPoint(IPAddress.Loopback, 11111), 7);
    private static readonly SiloAddress SiloB = new(new IPEndPoint(IPAddress.Loopback, 11113), 9);

    [Fact]
    public void Request_RoundTrip_KeepsHeaderAndArguments()
    {
        var request = Capture(g => g.Add(3, 4).AsTask());
        request.CorrelationId = 42;
        request.SendingGrain = GrainId.Create("caller", "c1");
        request.SendingSilo = SiloB;
        request.ForwardCount = 2;
        request.CallChainId = Guid.NewGuid();

        var body = Encode(frame => FrameCodec.WriteRequest(frame, request, 1234, SiloA, SerializerSession.Default));

        Assert.Equal((byte)FrameType.Request, body[0]);
        var reader = new Reader(body.AsSpan(1), SerializerSession.Default);
        var header = FrameCodec.ReadRequestHeader(ref reader, peerSilo: SiloA);
        var copy = FrameCodec.CreateRequest(header, out var targetInterface);
        copy.DeserializeArguments(ref reader);

        Assert.True(reader.IsEnd);
        Assert.Equal(42, header.CorrelationId);
        Assert.Equal(GrainId.Create("echo", "abc"), header.TargetGrain);
        Assert.Equal(GrainId.Create("caller", "c1"), header.SendingGrain);
        Assert.Equal(SiloB, header.SendingSilo);
        Assert.Equal(2, header.ForwardCount);
        Assert.Equal(request.CallChainId, header.CallChainId);
        Assert.Equal(1234, header.TimeToLiveMilliseconds);
        Assert.Equal(InvokeMethodOptions.None, header.Options);
        Assert.Equal(typeof(IEchoGrain), targetInterface);
        Assert.Equal(request.GetType(), copy.GetType());
        Assert.Equal(3, copy.GetArgument(0));
        Assert.Equal(4, copy.GetArgument(1));
    }

    [Fact]
    public void Request_SentBySender_DecodesSendingSiloAsConnectionPeer()
    {
        var request = Capture(g => g.Echo("x"));
        request.SendingSilo = SiloA;

        var body = Encode(frame => FrameCodec.WriteRequest(frame, request, 10, SiloA, SerializerSession.Default));
        var reader = new Reader(body.AsSpan(1));
        var header = FrameCodec.ReadRequestHeader(ref reader, peerSilo: SiloA);

        Assert.Same(SiloA, header.SendingSilo);
        Assert.True(header.SendingGrain.IsDefault);
        Assert.Equal(Guid.Empty, header.CallChainId);
    }

    [Fact]
    public void Request_GrainReferenceArgument_BindsToReceivingRuntime()
    {
        RequestBase? captured = null;
        var sender = new ProxyRuntime(new ManualTimeProvider(), TimeSpan.FromSeconds(30), r => captured = r);
        var receiver = new ProxyRuntime(new ManualTimeProvider(), TimeSpan.FromSeconds(30), _ => { });
        _ = sender.Get<IRelayGrain>("relay").Relay(sender.Get<IEchoGrain>("target"));

        var body = Encode(frame => FrameCodec.WriteRequest(frame, captured!, 10, null, new SerializerSession(sender)));
        var reader = new Reader(body.AsSpan(1), new SerializerSession(receiver));
        var header = FrameCodec.ReadRequestHeader(ref reader, null);
        var copy = FrameCodec.CreateRequest(header, out _);
        copy.DeserializeArguments(ref reader);

        var reference = Assert.IsAssignableFrom<GrainReference>(copy.GetArgument(0));
        Assert.Same(receiver, reference.Runtime);
        Assert.Equal(GrainId.Create("echo", "target"), reference.GrainId);
        Assert.IsAssignableFrom<IEchoGrain>(reference);
    }

    [Fact]
    public void Response_RoundTrip_KeepsResult()
    {
        var sent = (Request<string>)Capture(g => g.Echo("x"));
        sent.Result = "hello back";
        var received = (Request<string>)Capture(g => g.Echo("x"));

        var body = Encode(frame => FrameCodec.WriteResponse(frame, 99, sent, SerializerSession.Default));
        var reader = new Reader(body.AsSpan(1));
        var (correlationId, status) = FrameCodec.ReadResponseHeader(ref reader);
        received.DeserializeResult(ref reader);

        Assert.Equal(99, correlationId);
        Assert.Equal(ResponseStatus.Ok, status);
        Assert.Equal("hello back", received.Result);
        Assert.True(reader.IsEnd);
    }

    [Fact]
    public void ErrorResponse_RoundTrip_KeepsExceptionTypeAndMessage()
    {
        var sent = Capture(g => g.Throw("x"));
        sent.Exception = new InvalidOperationException("out of stock");

        var body = Encode(frame => FrameCodec.WriteResponse(frame, 5, sent, SerializerSession.Default));
        var reader = new Reader(body.AsSpan(1));
        var (_, status) = FrameCodec.ReadResponseHeader(ref reader);
        var error = FrameCodec.ReadException(ref reader);

        Assert.Equal(ResponseStatus.Error, status);
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("out of stock", error.Message);
    }

    [Fact]
    public void Hello_RoundTrip_KeepsRoleAddressAndCluster()
    {
        var silo = FrameCodec.DecodeHello(FrameCodec.EncodeHello(HelloMessage.ForSilo(SiloA, "prod")).AsSpan(FrameBuffer.PrefixSize));
        var client = FrameCodec.DecodeHello(FrameCodec.EncodeHello(HelloMessage.ForClient("client-1", "prod")).AsSpan(FrameBuffer.PrefixSize));

        Assert.Equal(HelloMessage.ForSilo(SiloA, "prod"), silo);
        Assert.Equal(HelloMessage.ForClient("client-1", "prod"), client);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0x46, 0x53, 0x4E })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 2, 0x46, 0x53, 0x4E, 0x31, 1, 1 })]
    [InlineData(new byte[] { 1, 0x46, 0x53, 0x4E, 0x31, 1, 9, 0 })]
    public void Hello_Malformed_Throws(byte[] body) =>
        Assert.ThrowsAny<Exception>(() => FrameCodec.DecodeHello(body));

    [Fact]
    public void Hello_WrongProtocolVersion_ThrowsMalformedFrame()
    {
        var body = FrameCodec.EncodeHello(HelloMessage.ForClient("c", "prod")).AsSpan(FrameBuffer.PrefixSize).ToArray();
        body[5] = 77;

        var error = Assert.Throws<MalformedFrameException>(() => FrameCodec.DecodeHello(body));
        Assert.Contains("version 77", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_UnknownAlias_HeaderDecodesButCreateFails()
    {
        var request = new UnknownMethodRequest { Argument = 1, TargetGrain = GrainId.Create("echo", "a"), CorrelationId = 3 };

        var body = Encode(frame => FrameCodec.WriteRequest(frame, request, 10, null, SerializerSession.Default));
        var reader = new Reader(body.AsSpan(1));
        var header = FrameCodec.ReadRequestHeader(ref reader, null);

        Assert.Equal(3, header.CorrelationId);
        SerializationException? error = null;
        try
        {
            FrameCodec.CreateRequest(header, out _);
        }
        catch (SerializationException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Contains("NoSuchMethod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameBuffer_Seal_WritesLittleEndianBodyLength()
    {
        var frame = new FrameBuffer();
        var span = frame.GetSpan(1000);
        span[..1000].Fill(7);
        frame.Advance(1000);
        frame.Seal();

        Assert.Equal(1000, BinaryPrimitives.ReadInt32LittleEndian(frame.Frame.Span));
        Assert.Equal(1004, frame.Frame.Length);
    }

    private static RequestBase Capture(Func<IEchoGrain, Task> call)
    {
        RequestBase? captured = null;
        var runtime = new ProxyRuntime(new ManualTimeProvider(), TimeSpan.FromSeconds(30), r => captured = r);
        _ = call(runtime.Get<IEchoGrain>("abc"));
        return captured!;
    }

    private static byte[] Encode(Action<FrameBuffer> write)
    {
        var frame = new FrameBuffer();
        write(frame);
        frame.Seal();
        var bytes = frame.Frame.ToArray();
        Assert.Equal(bytes.Length - FrameBuffer.PrefixSize, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        return bytes[FrameBuffer.PrefixSize..];
    }
}
