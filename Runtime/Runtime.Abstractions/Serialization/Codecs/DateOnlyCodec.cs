namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="DateOnly"/>: its day number as a VarInt.</summary>
internal sealed class DateOnlyCodec : BuiltInCodec<DateOnly>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, DateOnly value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32((uint)value.DayNumber);
    }

    /// <inheritdoc />
    public override DateOnly ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "DateOnly");
        var day = reader.ReadVarUInt32();
        if (day > (uint)DateOnly.MaxValue.DayNumber)
        {
            CodecErrors.OutOfRange("DateOnly", day);
        }

        return DateOnly.FromDayNumber((int)day);
    }
}
