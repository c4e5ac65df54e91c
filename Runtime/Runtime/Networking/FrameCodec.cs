using System.Buffers.Binary;
using System.Net;
using System.Text;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Encodes and decodes frame bodies (the 4-byte little-endian length prefix is the connection's business).
/// Layouts, after the <see cref="FrameType"/> byte; integers are LEB128 varints unless noted, strings are
/// varint-length-prefixed UTF-8:
/// <code>
/// Hello    : magic "FSN1" (fixed32) | version | role (byte) | silo address (silo) or client id (client) | cluster id
/// Request  : correlation id | target grain (type, key) | request alias | interface alias | options (byte)
///            | sending grain (0, or 1 + type, key) | sending silo (0 none, 1 the connection's peer, 2 + address)
///            | forward count | call chain (0, or 1 + 16 bytes) | time to live in ms | arguments (SerializeArguments)
/// Response : correlation id | status (byte: 0 ok, 1 error) | result (SerializeResult) or exception (field 0)
/// Address  : ip bytes (length-prefixed, 4 or 16) | port | generation (zig-zag)
/// </code>
/// Every decoding error surfaces as an exception (never a partial value); the caller closes the connection.
/// </summary>
internal static class FrameCodec
{
    /// <summary>"FSN1", little-endian: the first bytes of every hello body after the frame type.</summary>
    public const uint Magic = 0x314E5346;

    /// <summary>The wire protocol version.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>The largest hello frame accepted (before the peer is known, nothing larger is buffered).</summary>
    public const int MaxHelloSize = 4096;

    private const int MaxNameLength = 1024;
    private static readonly WireNameCache<string> GrainTypes = new(4096);
    private static readonly WireNameCache<string> RequestAliases = new(4096);
    private static readonly WireNameCache<Type> Interfaces = new(1024);
    private static readonly Func<string, string> Identity = static name => name;
    private static readonly Func<string, string> ResolveRequestAlias = ResolveRequest;
    private static readonly Func<string, Type> ResolveInterfaceAlias = ResolveInterface;

    /// <summary>Encodes a hello frame (prefix included) into a new array.</summary>
    public static byte[] EncodeHello(HelloMessage hello)
    {
        var frame = new FrameBuffer();
        var writer = new Writer(frame);
        writer.WriteByte((byte)FrameType.Hello);
        writer.WriteFixed32(Magic);
        writer.WriteVarUInt32(ProtocolVersion);
        writer.WriteByte((byte)hello.Role);
        if (hello.Role == ConnectionRole.Silo)
        {
            WriteSiloAddress(ref writer, hello.Silo ?? throw new ArgumentException("A silo hello needs the silo's address.", nameof(hello)));
        }
        else
        {
            writer.WriteUtf8(hello.ClientId ?? throw new ArgumentException("A client hello needs a client id.", nameof(hello)));
        }

        writer.WriteUtf8(hello.ClusterId);
        writer.Commit();
        frame.Seal();
        var bytes = frame.Frame.ToArray();
        frame.Shrink();
        return bytes;
    }

    /// <summary>Decodes a hello body.</summary>
    public static HelloMessage DecodeHello(ReadOnlySpan<byte> body)
    {
        var reader = new Reader(body);
        if (reader.ReadByte() != (byte)FrameType.Hello)
        {
            throw new MalformedFrameException("The first frame is not a hello.");
        }

        if (reader.ReadFixed32() != Magic)
        {
            throw new MalformedFrameException("The hello does not start with the FlashSale magic number: the peer is not a FlashSale silo or client.");
        }

        if (reader.ReadVarUInt32() is var version && version != ProtocolVersion)
        {
            throw new MalformedFrameException($"The peer speaks protocol version {version}; this process speaks {ProtocolVersion}.");
        }

        var role = (ConnectionRole)reader.ReadByte();
        SiloAddress? silo = null;
        string? clientId = null;
        switch (role)
        {
            case ConnectionRole.Silo:
                silo = ReadSiloAddress(ref reader);
                break;
            case ConnectionRole.Client:
                clientId = ReadName(ref reader, "client id");
                break;
            default:
                throw new MalformedFrameException($"The hello names an unknown role {(byte)role}.");
        }

        var clusterId = ReadName(ref reader, "cluster id");
        return new HelloMessage(role, silo, clientId, clusterId);
    }

    /// <summary>Writes a request frame body: header, then the arguments.</summary>
    public static void WriteRequest(FrameBuffer frame, RequestBase request, long timeToLiveMilliseconds, SiloAddress? localSilo, SerializerSession session)
    {
        var writer = new Writer(frame, session);
        writer.WriteByte((byte)FrameType.Request);
        writer.WriteVarUInt64((ulong)request.CorrelationId);
        WriteGrainId(ref writer, request.TargetGrain);
        writer.WriteUtf8(request.Alias);
        writer.WriteUtf8(CodecRegistry.GetAlias(request.TargetInterface ?? request.InterfaceType));
        writer.WriteByte((byte)request.Options);
        if (request.SendingGrain.IsDefault)
        {
            writer.WriteByte(0);
        }
        else
        {
            writer.WriteByte(1);
            WriteGrainId(ref writer, request.SendingGrain);
        }

        if (request.SendingSilo is not { } sendingSilo)
        {
            writer.WriteByte(0);
        }
        else if (sendingSilo.Equals(localSilo))
        {
            writer.WriteByte(1);
        }
        else
        {
            writer.WriteByte(2);
            WriteSiloAddress(ref writer, sendingSilo);
        }

        writer.WriteVarUInt32((uint)request.ForwardCount);
        if (request.CallChainId == Guid.Empty)
        {
            writer.WriteByte(0);
        }
        else
        {
            writer.WriteByte(1);
            Span<byte> guid = stackalloc byte[16];
            request.CallChainId.TryWriteBytes(guid);
            writer.WriteBytes(guid);
        }

        writer.WriteVarUInt64((ulong)timeToLiveMilliseconds);
        request.SerializeArguments(ref writer);
        writer.Commit();
    }

    /// <summary>Reads a request header (the frame type byte already consumed); the reader is left at the arguments.</summary>
    public static RequestHeader ReadRequestHeader(scoped ref Reader reader, SiloAddress? peerSilo)
    {
        var header = default(RequestHeader);
        header.CorrelationId = (long)reader.ReadVarUInt64();
        header.TargetGrain = ReadGrainId(ref reader);
        header.RequestAlias = ReadNameBytes(ref reader, "request alias");
        header.InterfaceAlias = ReadNameBytes(ref reader, "interface alias");
        var options = reader.ReadByte();
        if (options > (byte)(InvokeMethodOptions.OneWay | InvokeMethodOptions.ReadOnly | InvokeMethodOptions.AlwaysInterleave))
        {
            throw new MalformedFrameException($"Unknown request options 0x{options:X2}.");
        }

        header.Options = (InvokeMethodOptions)options;
        header.SendingGrain = reader.ReadByte() switch
        {
            0 => default,
            1 => ReadGrainId(ref reader),
            var tag => throw new MalformedFrameException($"Unknown sending-grain tag {tag}."),
        };
        header.SendingSilo = reader.ReadByte() switch
        {
            0 => null,
            1 => peerSilo ?? throw new MalformedFrameException("A client's request names its sender as the connection's silo."),
            2 => ReadSiloAddress(ref reader),
            var tag => throw new MalformedFrameException($"Unknown sending-silo tag {tag}."),
        };
        header.ForwardCount = (int)Math.Min(reader.ReadVarUInt32(), int.MaxValue);
        header.CallChainId = reader.ReadByte() switch
        {
            0 => Guid.Empty,
            1 => new Guid(reader.ReadBytes(16)),
            var tag => throw new MalformedFrameException($"Unknown call-chain tag {tag}."),
        };
        header.TimeToLiveMilliseconds = (long)Math.Min(reader.ReadVarUInt64(), int.MaxValue);
        return header;
    }

    /// <summary>Creates the empty request named by a header; <see cref="SerializationException"/> if this process does not know its types.</summary>
    public static RequestBase CreateRequest(scoped in RequestHeader header, out Type targetInterface)
    {
        targetInterface = Interfaces.Get(header.InterfaceAlias, ResolveInterfaceAlias);
        var alias = RequestAliases.Get(header.RequestAlias, ResolveRequestAlias);
        return GeneratedCodeRegistry.CreateRequest(alias);
    }

    /// <summary>Writes a response frame body with the request's result, or its <see cref="RequestBase.Exception"/>.</summary>
    public static void WriteResponse(FrameBuffer frame, long correlationId, RequestBase request, SerializerSession session)
    {
        if (request.Exception is { } error)
        {
            WriteErrorResponse(frame, correlationId, error, session);
            return;
        }

        var writer = new Writer(frame, session);
        writer.WriteByte((byte)FrameType.Response);
        writer.WriteVarUInt64((ulong)correlationId);
        writer.WriteByte((byte)ResponseStatus.Ok);
        request.SerializeResult(ref writer);
        writer.Commit();
    }

    /// <summary>Writes an error response frame body.</summary>
    public static void WriteErrorResponse(FrameBuffer frame, long correlationId, Exception error, SerializerSession session)
    {
        var writer = new Writer(frame, session);
        writer.WriteByte((byte)FrameType.Response);
        writer.WriteVarUInt64((ulong)correlationId);
        writer.WriteByte((byte)ResponseStatus.Error);
        Codec<Exception>.Instance.WriteField(ref writer, 0, error);
        writer.Commit();
    }

    /// <summary>Reads a response header (the frame type byte already consumed); the reader is left at the result or exception.</summary>
    public static (long CorrelationId, ResponseStatus Status) ReadResponseHeader(ref Reader reader)
    {
        var correlationId = (long)reader.ReadVarUInt64();
        var status = (ResponseStatus)reader.ReadByte();
        return status is ResponseStatus.Ok or ResponseStatus.Error
            ? (correlationId, status)
            : throw new MalformedFrameException($"Unknown response status {(byte)status}.");
    }

    /// <summary>Reads the exception of an error response.</summary>
    public static Exception ReadException(ref Reader reader)
    {
        var field = reader.ReadFieldHeader();
        return Codec<Exception>.Instance.ReadValue(ref reader, field)
            ?? throw new MalformedFrameException("An error response carries no exception.");
    }

    /// <summary>Reads the body length from a frame's prefix.</summary>
    public static int ReadLength(ReadOnlySpan<byte> prefix) => BinaryPrimitives.ReadInt32LittleEndian(prefix);

    private static void WriteGrainId(ref Writer writer, GrainId grainId)
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("A request needs a target grain.", nameof(grainId));
        }

        writer.WriteUtf8(grainId.Type);
        writer.WriteUtf8(grainId.Key);
    }

    private static GrainId ReadGrainId(ref Reader reader)
    {
        var type = GrainTypes.Get(ReadNameBytes(ref reader, "grain type"), Identity);
        var key = reader.ReadUtf8();
        return type.Length == 0 ? throw new MalformedFrameException("A grain id has an empty type.") : new GrainId(type, key);
    }

    private static void WriteSiloAddress(ref Writer writer, SiloAddress silo)
    {
        Span<byte> ip = stackalloc byte[16];
        silo.Endpoint.Address.TryWriteBytes(ip, out var length);
        writer.WriteLengthPrefixed(ip[..length]);
        writer.WriteVarUInt32((uint)silo.Endpoint.Port);
        writer.WriteVarInt32(silo.Generation);
    }

    private static SiloAddress ReadSiloAddress(ref Reader reader)
    {
        var ip = reader.ReadLengthPrefixed();
        if (ip.Length is not (4 or 16))
        {
            throw new MalformedFrameException($"A silo address has {ip.Length} address bytes.");
        }

        var address = new IPAddress(ip);
        var port = reader.ReadVarUInt32();
        if (port > IPEndPoint.MaxPort)
        {
            throw new MalformedFrameException($"A silo address has port {port}.");
        }

        return new SiloAddress(new IPEndPoint(address, (int)port), reader.ReadVarInt32());
    }

    private static ReadOnlySpan<byte> ReadNameBytes(scoped ref Reader reader, string what)
    {
        var bytes = reader.ReadLengthPrefixed();
        return bytes.Length <= MaxNameLength ? bytes : throw new MalformedFrameException($"The {what} is {bytes.Length} bytes long.");
    }

    private static string ReadName(ref Reader reader, string what) => Encoding.UTF8.GetString(ReadNameBytes(ref reader, what));

    private static Type ResolveInterface(string alias)
    {
        var type = CodecRegistry.ResolveAlias(alias);
        if (!type.IsInterface || !typeof(IAddressable).IsAssignableFrom(type))
        {
            throw new SerializationException($"The alias '{alias}' names '{type.FullName}', which is not a grain interface.");
        }

        GeneratedCodeRegistry.EnsureLoaded(type.Assembly);
        foreach (var baseInterface in type.GetInterfaces())
        {
            GeneratedCodeRegistry.EnsureLoaded(baseInterface.Assembly);
        }

        return type;
    }

    private static string ResolveRequest(string alias)
    {
        // Throws SerializationException naming the alias when no loaded assembly declares it.
        _ = GeneratedCodeRegistry.CreateRequest(alias);
        return alias;
    }
}
