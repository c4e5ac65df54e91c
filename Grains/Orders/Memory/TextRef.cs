namespace FlashSale.Grains.Orders.Memory;

/// <summary>Where a string lives in a <see cref="TextArena"/>: a chunk, an offset into it and a length.</summary>
internal readonly record struct TextRef(int Chunk, int Start, int Length);
