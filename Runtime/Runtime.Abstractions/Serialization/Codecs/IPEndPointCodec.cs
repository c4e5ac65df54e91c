using System.Buffers.Binary;
using System.Net;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="IPEndPoint"/>: a 2-byte port followed by the address as <see cref="IPAddressCodec"/> encodes it, length-prefixed.</summary>
internal sealed class IPEndPointCodec : BuiltInCodec<IPEndPoint>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, IPEndPoint value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        Span<byte> bytes = stackalloc byte[2 + IPAddressCodec.MaxSize];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value.Port);
        var length = 2 + IPAddressCodec.Encode(value.Address, bytes[2..]);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes[..length]);
    }

    /// <inheritdoc />
    public override IPEndPoint ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<IPEndPoint>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.LengthPrefixed, "IPEndPoint");
                var bytes = reader.ReadLengthPrefixed();
                if (bytes.Length < 2)
                {
                    CodecErrors.BadLength("IPEndPoint", bytes.Length);
                }

                return new IPEndPoint(IPAddressCodec.Decode(bytes[2..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes));
        }
    }
}
