using System.Runtime.InteropServices;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="List{T}"/> in the <see cref="CollectionFormat"/> layout.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ListCodec<T> : BuiltInCodec<List<T>>
{
    private const string What = "List";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, List<T> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        WriteItems(ref writer, fieldId, CollectionsMarshal.AsSpan(value));
    }

    /// <inheritdoc />
    public override List<T> ReadValue(ref Reader reader, Field field) => field.WireType switch
    {
        WireType.Null => null!,
        WireType.TypedObject => PolymorphicCodec.ReadTyped<List<T>>(ref reader),
        _ => ReadList(ref reader, field, What),
    };

    /// <summary>Writes a collection object holding <paramref name="items"/>.</summary>
    public static void WriteItems(ref Writer writer, uint fieldId, scoped ReadOnlySpan<T> items)
    {
        CollectionFormat.WriteStart(ref writer, fieldId, items.Length);
        var codec = Codec<T>.Instance;
        foreach (var item in items)
        {
            codec.WriteField(ref writer, CollectionFormat.ItemField, item);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a collection object (whose header was just read) into a new list.</summary>
    public static List<T> ReadList(ref Reader reader, Field field, string what)
    {
        var count = CollectionFormat.ReadStart(ref reader, field, 1, what);
        var list = new List<T>(count);
        var codec = Codec<T>.Instance;
        for (var i = 0; i < count; i++)
        {
            var header = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, what);
            list.Add(codec.ReadValue(ref reader, header));
        }

        CollectionFormat.ReadEnd(ref reader);
        return list;
    }
}
