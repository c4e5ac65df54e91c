using System.Buffers.Binary;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="decimal"/>: its four 32-bit parts (lo, mid, hi, flags), 16 bytes length-prefixed.</summary>
internal sealed class DecimalCodec : BuiltInCodec<decimal>
{
    private const int Size = 16;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        Span<byte> bytes = stackalloc byte[Size];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * 4)..], parts[i]);
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes);
    }

    /// <inheritdoc />
    public override decimal ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.LengthPrefixed, "decimal");
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length != Size)
        {
            CodecErrors.BadLength("decimal", bytes.Length);
        }

        var lo = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var mid = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var hi = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var flags = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);

        // Validated here rather than by catching the constructor's ArgumentException: only the sign bit and a
        // scale of at most 28 may be set.
        var scale = (flags >> 16) & 0xFF;
        if ((flags & 0x7F00FFFF) != 0 || scale > 28)
        {
            CodecErrors.Invalid("decimal");
        }

        return new decimal(lo, mid, hi, flags < 0, (byte)scale);
    }
}
