namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>The tests that run whole clusters or servers: one at a time, so that failure-detection timings hold on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "PostgreSQL clusters";
}
