namespace FlashSale.LoadGen;

/// <summary>The figures of one load-generator run, written as JSON for bench/run.sh's report.</summary>
internal sealed record LoadResult
{
    public required string Name { get; init; }

    /// <summary>Which round of bench/run.sh this is (every scenario runs once per round; the report takes medians).</summary>
    public int Round { get; init; } = 1;
    public required string Target { get; init; }
    public required string Mode { get; init; }
    public required int Concurrency { get; init; }
    public double Rate { get; init; }
    public required long Requests { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public long Dropped { get; init; }
    public required double Seconds { get; init; }
    public required double P50Ms { get; init; }
    public required double P90Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double P999Ms { get; init; }

    /// <summary>Open loop: p99 and maximum of how late requests were sent after their intended time, in ms.</summary>
    public SendLag? SendLag { get; init; }
    public long? Sold { get; init; }
    public long? Oversold { get; init; }
    public long? Duplicates { get; init; }
    public long? Lost { get; init; }
    public string? Note { get; init; }
    public GcFigures? Gc { get; init; }
    public IReadOnlyDictionary<string, double>? FramesPerFlush { get; init; }

    public double Throughput => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>How late an open loop sent its requests after their intended times, in ms.</summary>
internal sealed record SendLag(double P99Ms, double MaxMs);
