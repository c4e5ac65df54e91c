namespace FlashSale.Runtime.Catalog;

/// <summary>Maps a grain interface (and an optional class-name prefix) to the grain type that implements it.</summary>
internal interface IGrainTypeResolver
{
    /// <summary>The grain type implementing <paramref name="grainInterface"/>; throws when there is none or several.</summary>
    string ResolveGrainType(Type grainInterface, string? grainClassNamePrefix);
}
