using System.ComponentModel;

namespace FlashSale.Runtime.CodeGeneration;

/// <summary>What the generator records of a grain class: identity, interfaces, attributes and a factory.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainClassMetadata
{
    /// <summary>The grain class.</summary>
    public required Type GrainClass { get; init; }

    /// <summary>The grain type name: <c>[GrainType]</c>, or the class name lower-cased without a trailing "Grain".</summary>
    public required string GrainType { get; init; }

    /// <summary>The grain interfaces the class implements.</summary>
    public required IReadOnlyList<Type> Interfaces { get; init; }

    /// <summary>Instances of the attributes declared on the class (and inherited): concurrency, collection, placement.</summary>
    public required IReadOnlyList<Attribute> Attributes { get; init; }

    /// <summary>Constructs the grain, resolving constructor parameters from the context (no reflection).</summary>
    public required Func<IGrainContext, object> Factory { get; init; }

    /// <summary>The first attribute of type <typeparamref name="TAttribute"/>, if any.</summary>
    public TAttribute? GetAttribute<TAttribute>() where TAttribute : Attribute
    {
        foreach (var attribute in Attributes)
        {
            if (attribute is TAttribute match)
            {
                return match;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GrainType} ({GrainClass.FullName})";
}
