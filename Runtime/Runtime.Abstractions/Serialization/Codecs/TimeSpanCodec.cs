namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="TimeSpan"/>: its ticks as a zig-zag VarInt.</summary>
internal sealed class TimeSpanCodec : BuiltInCodec<TimeSpan>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, TimeSpan value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value.Ticks);
    }

    /// <inheritdoc />
    public override TimeSpan ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "TimeSpan");
        return new TimeSpan(reader.ReadVarInt64());
    }
}
