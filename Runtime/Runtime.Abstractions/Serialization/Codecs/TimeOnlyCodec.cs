namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="TimeOnly"/>: its ticks since midnight as a VarInt.</summary>
internal sealed class TimeOnlyCodec : BuiltInCodec<TimeOnly>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, TimeOnly value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64((ulong)value.Ticks);
    }

    /// <inheritdoc />
    public override TimeOnly ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "TimeOnly");
        var ticks = reader.ReadVarUInt64();
        if (ticks > (ulong)TimeOnly.MaxValue.Ticks)
        {
            CodecErrors.OutOfRange("TimeOnly", ticks);
        }

        return new TimeOnly((long)ticks);
    }
}
