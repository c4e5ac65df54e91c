using System.Runtime.InteropServices;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of the read-side collection interfaces (<see cref="IEnumerable{T}"/>, <see cref="IReadOnlyList{T}"/>,
/// <see cref="IList{T}"/>, <see cref="ICollection{T}"/>, <see cref="IReadOnlyCollection{T}"/>): writes the
/// elements of whatever implements it and reads them back into a <see cref="List{T}"/>.
/// </summary>
/// <typeparam name="TCollection">The declared interface.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class CollectionInterfaceCodec<TCollection, T> : BuiltInCodec<TCollection>
    where TCollection : class, IEnumerable<T>
{
    private const string What = "Collection";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, TCollection value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(fieldId);
                return;
            case List<T> list:
                ListCodec<T>.WriteItems(ref writer, fieldId, CollectionsMarshal.AsSpan(list));
                return;
            case T[] array:
                ListCodec<T>.WriteItems(ref writer, fieldId, array);
                return;
            case ICollection<T> collection:
                WriteCounted(ref writer, fieldId, collection, collection.Count);
                return;
            case IReadOnlyCollection<T> collection:
                WriteCounted(ref writer, fieldId, collection, collection.Count);
                return;
            default:
                // A lazy sequence: its count is only known after enumerating it once.
                ListCodec<T>.WriteItems(ref writer, fieldId, CollectionsMarshal.AsSpan(new List<T>(value)));
                return;
        }
    }

    /// <inheritdoc />
    public override TCollection ReadValue(ref Reader reader, Field field) => field.WireType switch
    {
        WireType.Null => null!,
        WireType.TypedObject => PolymorphicCodec.ReadTyped<TCollection>(ref reader),
        _ => (TCollection)(object)ListCodec<T>.ReadList(ref reader, field, What),
    };

    private static void WriteCounted(ref Writer writer, uint fieldId, IEnumerable<T> items, int count)
    {
        CollectionFormat.WriteStart(ref writer, fieldId, count);
        var codec = Codec<T>.Instance;
        var written = 0;
        foreach (var item in items)
        {
            if (++written > count)
            {
                break;
            }

            codec.WriteField(ref writer, CollectionFormat.ItemField, item);
        }

        if (written != count)
        {
            throw new SerializationException($"A collection reported {count} elements but enumerated a different number: it was modified while being serialized.");
        }

        writer.WriteEndObject();
    }
}
