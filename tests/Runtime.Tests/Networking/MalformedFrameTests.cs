using System.Buffers.Binary;
using System.Net.Sockets;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Integration")]
public sealed class MalformedFrameTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "garbage", false },
        { "oversized", false },
        { "truncated", false },
        { "zero-length", false },
        { "garbage", true },
        { "oversized", true },
        { "truncated", true },
        { "second-hello", true },
        { "bad-request-header", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RawClient_MalformedInput_ClosesOnlyThatConnection(string kind, bool afterHello)
    {
        var logs = new LogCapture();
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync(configure: o => o.MaxFrameSize = 64 * 1024, loggerFactory: logs);
        var grain = a.EchoOn(b);
        Assert.Equal(2, await grain.Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout));

        using var raw = new TcpClient();
        await raw.ConnectAsync(b.Center.GatewayEndpoint!);
        var stream = raw.GetStream();
        if (afterHello)
        {
            await stream.WriteAsync(FrameCodec.EncodeHello(HelloMessage.ForClient("raw", b.ClusterId)));
        }

        await stream.WriteAsync(Malformed(kind));
        if (kind == "truncated")
        {
            raw.Client.Shutdown(SocketShutdown.Send);
        }

        await ReadUntilClosedAsync(stream);

        await Wait.UntilAsync(() => b.Center.Counters.MalformedFrames == 1, "the malformed frame to be counted");
        await Wait.UntilAsync(() => logs.Has(LogLevel.Error, 600), "the malformed frame to be logged as an error");
        Assert.Equal(5, await grain.Add(2, 3).AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(1, a.Center.Counters.ConnectionsOpened);
        Assert.Equal(2, b.Handler.Received);
    }

    [Fact]
    public async Task RawClient_SiloHelloOnGatewayPort_Refused()
    {
        await using var b = await TestSilo.StartAsync();
        using var raw = new TcpClient();
        await raw.ConnectAsync(b.Center.GatewayEndpoint!);
        var stream = raw.GetStream();

        await stream.WriteAsync(FrameCodec.EncodeHello(HelloMessage.ForSilo(b.Address, b.ClusterId)));

        await ReadUntilClosedAsync(stream);
        Assert.Equal(0, b.Center.Counters.MalformedFrames);
    }

    private static byte[] Malformed(string kind)
    {
        var frame = new byte[4 + 16];
        switch (kind)
        {
            case "garbage":
                BinaryPrimitives.WriteInt32LittleEndian(frame, 16);
                Random.Shared.NextBytes(frame.AsSpan(4));
                frame[4] = 0xEE;
                return frame;
            case "oversized":
                BinaryPrimitives.WriteInt32LittleEndian(frame, 17 * 1024 * 1024);
                return frame;
            case "truncated":
                BinaryPrimitives.WriteInt32LittleEndian(frame, 100);
                return frame;
            case "zero-length":
                return new byte[4];
            case "second-hello":
                return FrameCodec.EncodeHello(HelloMessage.ForClient("raw", TestSilo.DefaultClusterId));
            case "bad-request-header":
                BinaryPrimitives.WriteInt32LittleEndian(frame, 16);
                frame[4] = (byte)FrameType.Request;
                frame.AsSpan(5).Fill(0xFF);
                return frame;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Reads (and discards: the server's hello) until the server closes the connection.</summary>
    private static async Task ReadUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Wait.DefaultTimeout);
        for (var reads = 0; reads < 1000; reads++)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                return;
            }

            if (n == 0)
            {
                return;
            }
        }

        Assert.Fail("The server kept the connection open.");
    }
}
