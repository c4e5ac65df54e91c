using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="IPAddress"/>: the address bytes, length-prefixed: 4 (IPv4), 16 (IPv6) or 20 (IPv6 followed
/// by a 32-bit scope id, written only when the scope is not zero).
/// </summary>
internal sealed class IPAddressCodec : BuiltInCodec<IPAddress>
{
    /// <summary>The largest encoded size.</summary>
    public const int MaxSize = 20;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, IPAddress value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        Span<byte> bytes = stackalloc byte[MaxSize];
        var length = Encode(value, bytes);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes[..length]);
    }

    /// <inheritdoc />
    public override IPAddress ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<IPAddress>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.LengthPrefixed, "IPAddress");
                return Decode(reader.ReadLengthPrefixed());
        }
    }

    /// <summary>Writes the address into <paramref name="destination"/> (at least <see cref="MaxSize"/> bytes) and returns the length.</summary>
    public static int Encode(IPAddress value, Span<byte> destination)
    {
        value.TryWriteBytes(destination, out var written);
        if (value.AddressFamily == AddressFamily.InterNetworkV6 && value.ScopeId != 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[written..], (uint)value.ScopeId);
            written += 4;
        }

        return written;
    }

    /// <summary>Reads an address written by <see cref="Encode"/>.</summary>
    public static IPAddress Decode(ReadOnlySpan<byte> bytes)
    {
        switch (bytes.Length)
        {
            case 4:
            case 16:
                return new IPAddress(bytes);
            case 20:
                return new IPAddress(bytes[..16], BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]));
            default:
                CodecErrors.BadLength("IPAddress", bytes.Length);
                return null!;
        }
    }
}
