namespace FlashSale.Runtime.Benchmarks;

/// <summary>The figures of one measured scenario.</summary>
internal sealed record ScenarioResult(string System, int Callers, int Targets, long Calls, TimeSpan Elapsed, double P50Micros, double P99Micros, double BytesPerCall)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}
