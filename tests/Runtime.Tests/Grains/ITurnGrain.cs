namespace FlashSale.Runtime.Tests.Grains;

/// <summary>A grain whose requests can be held open, to observe which requests may interleave.</summary>
public interface ITurn : IGrainWithStringKey
{
    /// <summary>Holds the turn open until <see cref="Release"/>.</summary>
    Task Block();

    /// <summary>A plain request that returns at once.</summary>
    Task<int> Ping();

    [AlwaysInterleave]
    Task<bool> IsBlocked();

    [AlwaysInterleave]
    Task Release();

    [ReadOnly]
    Task BlockRead();

    [ReadOnly]
    Task<int> Read();

    /// <summary>Awaits several times; records the highest number of requests seen inside at once.</summary>
    Task Work();

    [AlwaysInterleave]
    Task<int> GetMaxConcurrency();
}

public interface ITurnGrain : ITurn;

public interface IReentrantTurnGrain : ITurn;
