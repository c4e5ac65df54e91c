using System.Collections.Concurrent;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Testing;

/// <summary>
/// A cluster of silos in one process for tests, each silo in its own generic host and service container.
/// The memory providers (grain storage, reminder table) are shared by all silos, like a database, so state
/// and reminders outlive any one silo. <see cref="StopSiloAsync"/> is a graceful shutdown;
/// <see cref="KillSiloAsync"/> is abrupt: no grain code runs and the silo says no goodbye.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static int s_nextPort = 22000 + (Environment.ProcessId % 500 * 40);
    private readonly TestClusterOptions _options;
    private readonly IReadOnlyList<ISiloConfigurator> _configurators;
    private readonly ConcurrentQueue<SiloHandle> _silos = new();
    private int _siloCount;

    internal TestCluster(TestClusterOptions options, IReadOnlyList<ISiloConfigurator> configurators)
    {
        _options = options;
        _configurators = configurators;
        Client = new TestClusterClient(this);
    }

    /// <summary>The cluster's options.</summary>
    public TestClusterOptions Options => _options;

    /// <summary>The client tests call grains through.</summary>
    public IClusterClient Client { get; }

    /// <summary>The client, as a grain factory.</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>The data shared by the memory providers of all silos.</summary>
    public SharedMemoryProviders SharedProviders { get; } = new();

    /// <summary>Every silo started so far, including stopped and killed ones.</summary>
    public IReadOnlyList<SiloHandle> Silos => [.. _silos];

    /// <summary>The silos that are serving.</summary>
    public IReadOnlyList<SiloHandle> ActiveSilos => [.. _silos.Where(s => s.IsActive)];

    /// <summary>The first silo started.</summary>
    public SiloHandle Primary => _silos.First();

    /// <summary>Starts the initial silos.</summary>
    public async Task DeployAsync()
    {
        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartAdditionalSiloAsync();
        }

        await WaitForLivenessToStabilizeAsync();
    }

    /// <summary>Starts one more silo, in <paramref name="datacenter"/> or the one the options give its index.</summary>
    public async Task<SiloHandle> StartAdditionalSiloAsync(string? datacenter = null)
    {
        var index = Interlocked.Increment(ref _siloCount) - 1;
        var name = $"silo{index}";
        var siloPort = Interlocked.Add(ref s_nextPort, 2);
        var dc = datacenter ?? _options.DatacenterOf(index);
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services =>
            {
                services.AddSingleton(SharedProviders);
                services.Replace(ServiceDescriptor.Singleton(_options.TimeProvider));
            })
            .UseSilo(silo =>
            {
                silo.Configure<SiloOptions>(o =>
                {
                    o.ClusterId = _options.ClusterId;
                    o.ServiceId = _options.ServiceId;
                    o.SiloName = name;
                    o.Datacenter = dc;
                    o.SiloPort = siloPort;
                    o.GatewayPort = siloPort + 1;
                });
                silo.Services.Replace(ServiceDescriptor.Singleton(_options.TimeProvider));
                foreach (var configurator in _configurators)
                {
                    configurator.Configure(silo);
                }
            })
            .Build();
        await host.StartAsync();
        var handle = new SiloHandle(name, host);
        _silos.Enqueue(handle);
        return handle;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate (running <c>OnDeactivateAsync</c>) first.</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>Kills a silo: no grain code runs, callers waiting on it fail, in-memory grain state is lost.</summary>
    public Task KillSiloAsync(SiloHandle silo)
    {
        silo.SiloHost.Kill();
        silo.Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Waits until every silo that is not stopped or dead is active.</summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_silos.Any(s => s.Status is SiloStatus.Created or SiloStatus.Joining))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The test cluster's silos did not all become active in time.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stops every silo that still runs, gracefully.</summary>
    public async Task StopAllSilosAsync()
    {
        foreach (var silo in _silos.Where(s => s.Status is not SiloStatus.Dead).Reverse())
        {
            await StopSiloAsync(silo);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAllSilosAsync();
}
