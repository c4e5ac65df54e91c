using System.Collections.Immutable;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ImmutableArray{T}"/> in the <see cref="CollectionFormat"/> layout; the default (uninitialized) array as <see cref="WireType.Null"/>.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ImmutableArrayCodec<T> : BuiltInCodec<ImmutableArray<T>>
{
    private const string What = "ImmutableArray";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ImmutableArray<T> value)
    {
        if (value.IsDefault)
        {
            writer.WriteNull(fieldId);
            return;
        }

        ListCodec<T>.WriteItems(ref writer, fieldId, value.AsSpan());
    }

    /// <inheritdoc />
    public override ImmutableArray<T> ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return default;
        }

        var count = CollectionFormat.ReadStart(ref reader, field, 1, What);
        var builder = ImmutableArray.CreateBuilder<T>(count);
        var codec = Codec<T>.Instance;
        for (var i = 0; i < count; i++)
        {
            var header = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, What);
            builder.Add(codec.ReadValue(ref reader, header));
        }

        CollectionFormat.ReadEnd(ref reader);
        return builder.MoveToImmutable();
    }
}
