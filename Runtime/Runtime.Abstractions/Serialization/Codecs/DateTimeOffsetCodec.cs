using System.Buffers.Binary;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="DateTimeOffset"/>: 8 bytes of clock ticks and 2 bytes of offset minutes, length-prefixed.</summary>
internal sealed class DateTimeOffsetCodec : BuiltInCodec<DateTimeOffset>
{
    private const int Size = 10;
    private const int MaxOffsetMinutes = 14 * 60;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, DateTimeOffset value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value.Ticks);
        BinaryPrimitives.WriteInt16LittleEndian(bytes[8..], (short)value.TotalOffsetMinutes);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes);
    }

    /// <inheritdoc />
    public override DateTimeOffset ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.LengthPrefixed, "DateTimeOffset");
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length != Size)
        {
            CodecErrors.BadLength("DateTimeOffset", bytes.Length);
        }

        var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(bytes[8..]);
        var utcTicks = ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks || offsetMinutes is < -MaxOffsetMinutes or > MaxOffsetMinutes
            || utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks)
        {
            CodecErrors.Invalid("DateTimeOffset");
        }

        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
    }
}
