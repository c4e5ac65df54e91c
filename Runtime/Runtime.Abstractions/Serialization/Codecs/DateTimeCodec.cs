namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="DateTime"/>: Fixed64 holding the ticks in the low 62 bits and the <see cref="DateTimeKind"/>
/// in the top two (the layout <see cref="DateTime"/> uses internally). Local times keep their clock value and kind;
/// they are not converted to UTC, so the reader sees the same wall-clock time.
/// </summary>
internal sealed class DateTimeCodec : BuiltInCodec<DateTime>
{
    private const ulong TicksMask = (1UL << 62) - 1;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, DateTime value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed64);
        writer.WriteFixed64((ulong)value.Ticks | ((ulong)value.Kind << 62));
    }

    /// <inheritdoc />
    public override DateTime ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.Fixed64, "DateTime");
        var raw = reader.ReadFixed64();
        var ticks = raw & TicksMask;
        var kind = raw >> 62;
        if (ticks > (ulong)DateTime.MaxValue.Ticks || kind > (ulong)DateTimeKind.Local)
        {
            CodecErrors.Invalid("DateTime");
        }

        return new DateTime((long)ticks, (DateTimeKind)kind);
    }
}
