using FlashSale.Protection.HotKeys;
using FlashSale.Protection.Configuration;
using FlashSale.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class HotKeyReporterTests : IDisposable
{
    private readonly ManualTimeProvider _manual = new();
    private readonly TimerWatch _time;
    private readonly HotKeyCounter _counter = new(100);
    private readonly StubAggregator _aggregator = new();
    private readonly HotKeyMetrics _metrics = new(new NoMeters());
    private readonly HotKeyReporter _reporter;

    public HotKeyReporterTests()
    {
        _time = new TimerWatch(_manual);
        _reporter = new HotKeyReporter(_counter, new StubFactory(_aggregator), HotKeySource.Create(HotKeySourceKind.Gateway), Options.Create(new HotKeyOptions()), _time, _metrics, NullLogger<HotKeyReporter>.Instance);
    }

    public void Dispose()
    {
        _reporter.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Reporter_SendsTheCountsEveryPeriod_WithTheMeasuredPeriod()
    {
        await _reporter.StartAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            _counter.Count("phone");
        }

        // The host runs the reporter's loop on the thread pool: advance the clock once its timer exists.
        Assert.True(await _time.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        _manual.Advance(HotKeyOptions.DefaultReportPeriod);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_aggregator.Reports.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "no report within 10 s");
            await Task.Delay(10);
        }

        await _reporter.StopAsync(CancellationToken.None);
        var report = Assert.Single(_aggregator.Reports);
        Assert.Equal(HotKeySourceKind.Gateway, report.Kind);
        Assert.Equal(HotKeyOptions.DefaultReportPeriod, report.Period);
        Assert.Equal(10, report.Counts["phone"]);
    }

    [Fact]
    public async Task FailedReport_IsCarriedIntoTheNext_WhosePeriodCoversBoth()
    {
        _aggregator.FailNext = true;
        _counter.Count("phone");
        _manual.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(await _reporter.ReportOnceAsync(CancellationToken.None));

        _counter.Count("phone");
        _counter.Count("tv");
        _manual.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(await _reporter.ReportOnceAsync(CancellationToken.None));

        var report = Assert.Single(_aggregator.Reports);
        Assert.Equal(TimeSpan.FromSeconds(1), report.Period);
        Assert.Equal(new Dictionary<string, long> { ["phone"] = 2, ["tv"] = 1 }, report.Counts);
    }

    [Fact]
    public async Task NothingCounted_NothingSent()
    {
        _manual.Advance(TimeSpan.FromMilliseconds(500));

        Assert.False(await _reporter.ReportOnceAsync(CancellationToken.None));
        Assert.Empty(_aggregator.Reports);
    }

    /// <summary>The manual clock, telling when a timer is created on it.</summary>
    private sealed class TimerWatch(ManualTimeProvider clock) : TimeProvider
    {
        public TaskCompletionSource<bool> TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = clock.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult(true);
            return timer;
        }
    }

    private sealed class StubAggregator : IHotKeyAggregatorGrain
    {
        public System.Collections.Concurrent.ConcurrentQueue<HotKeyReport> Reports { get; } = new();

        public bool FailNext { get; set; }

        public Task Report(HotKeyReport report)
        {
            if (FailNext)
            {
                FailNext = false;
                return Task.FromException(new TimeoutException("the aggregator did not answer"));
            }

            Reports.Enqueue(report);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<HotKeyStatus>> GetHotKeys() => Task.FromResult<IReadOnlyList<HotKeyStatus>>([]);
    }

    private sealed class StubFactory(StubAggregator aggregator) : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithStringKey => (TGrainInterface)(object)aggregator;

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
            where TGrainInterface : IAddressable => throw new NotSupportedException();
    }

    private sealed class NoMeters : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
