namespace FlashSale.Runtime.Benchmarks;

/// <summary>The grain state the PostgreSQL benchmark writes: a counter and a short note (about 80 bytes serialized).</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public string Note { get; set; } = string.Empty;
}
