using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FlashSale.Runtime.Client;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Runtime.Testing;

/// <summary>
/// A cluster of silos in one process for tests. Each silo has its own generic host and service container and
/// talks to the others over real loopback TCP (free ports on 127.0.0.1); the client is a real
/// <see cref="ClusterClient"/> connected to the silos' gateways. The memory providers (membership table, grain
/// storage, reminder table) are shared by all silos, like a database, so membership, state and reminders
/// outlive any one silo. <see cref="StopSiloAsync"/> is a graceful shutdown; <see cref="KillSiloAsync"/> is
/// abrupt: no grain code runs and the silo says no goodbye, so the others must detect it.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly IReadOnlyList<ISiloConfigurator> _configurators;
    private readonly ConcurrentQueue<SiloHandle> _silos = new();
    private readonly HashSet<SiloAddress> _isolated = [];
    private ClusterClient? _client;
    private int _siloCount;

    internal TestCluster(TestClusterOptions options, IReadOnlyList<ISiloConfigurator> configurators)
    {
        _options = options;
        _configurators = configurators;
    }

    /// <summary>The cluster's options.</summary>
    public TestClusterOptions Options => _options;

    /// <summary>The client tests call grains through (connected by <see cref="DeployAsync"/>).</summary>
    public IClusterClient Client => _client ?? throw new InvalidOperationException("Call DeployAsync first.");

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

    /// <summary>Starts the initial silos and connects the client.</summary>
    public async Task DeployAsync()
    {
        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartAdditionalSiloAsync();
        }

        await WaitForLivenessToStabilizeAsync();
        _client = new ClusterClient(
            new ServiceCollection().BuildServiceProvider(),
            new ClusterClientOptions { ClusterId = _options.ClusterId, ResponseTimeout = _options.ResponseTimeout },
            new NetworkingOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(1) },
            _options.TimeProvider,
            NullLoggerFactory.Instance,
            _ => Task.FromResult<IReadOnlyList<IPEndPoint>>([.. ActiveSilos.Select(s => s.GatewayEndpoint).OfType<IPEndPoint>()]));
        await _client.ConnectAsync();
    }

    /// <summary>Starts one more silo, in <paramref name="datacenter"/> or the one the options give its index.</summary>
    public async Task<SiloHandle> StartAdditionalSiloAsync(string? datacenter = null)
    {
        var index = Interlocked.Increment(ref _siloCount) - 1;
        var name = $"silo{index}";
        var dc = datacenter ?? _options.DatacenterOf(index);
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
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
                    o.AdvertisedAddress = "127.0.0.1";
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                });
                silo.Configure<MessagingOptions>(o => o.ResponseTimeout = _options.ResponseTimeout);
                if (_options.ConfigureClustering is { } configureClustering)
                {
                    configureClustering(silo);
                }
                else
                {
                    silo.UseInMemoryClustering();
                }

                silo.Configure(_options.ConfigureMembership);
                silo.Services.Replace(ServiceDescriptor.Singleton(_options.TimeProvider));
                foreach (var configurator in _configurators)
                {
                    configurator.Configure(silo);
                }

                foreach (var configure in _options.SiloConfigurations)
                {
                    configure(silo);
                }
            })
            .Build();
        await host.StartAsync();
        var handle = new SiloHandle(name, host);
        _silos.Enqueue(handle);
        ApplyDropFilters();
        return handle;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate (running <c>OnDeactivateAsync</c>) and it leaves the table.</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>Kills a silo: no grain code runs, its connections drop, in-memory grain state is lost, and it stays Active in the table until the others declare it dead.</summary>
    public Task KillSiloAsync(SiloHandle silo)
    {
        silo.SiloHost.Kill();
        silo.Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Cuts a silo off: every message between it and the other silos is dropped (the client still reaches all gateways).</summary>
    public void IsolateSilo(SiloHandle silo)
    {
        lock (_isolated)
        {
            _isolated.Add(silo.SiloAddress);
        }

        ApplyDropFilters();
    }

    /// <summary>
    /// Waits until every running silo sees the same active silos (exactly the silos of this cluster that are still
    /// serving) and sees every stopped or killed silo as dead.
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!IsStable())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Membership did not stabilize in time: {string.Join("; ", _silos.Select(Describe))}");
            }

            foreach (var silo in _silos.Where(s => s.IsActive))
            {
                try
                {
                    await silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().RefreshAsync();
                }
                catch (Exception) when (!silo.IsActive)
                {
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops every silo that still runs, gracefully, and closes the client.</summary>
    public async Task StopAllSilosAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }

        foreach (var silo in _silos.Where(s => s.Status is not SiloStatus.Dead).Reverse())
        {
            await StopSiloAsync(silo);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAllSilosAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Describe(SiloHandle silo)
    {
        if (!silo.IsActive)
        {
            return $"{silo.Name}: {silo.Status}";
        }

        var view = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        return $"{silo.Name} sees v{view.Version} [{string.Join(", ", view.Members.Values.Select(m => $"{m.Name}={m.Status}"))}]";
    }

    private bool IsStable()
    {
        var running = _silos.Where(s => s.IsActive).ToList();
        var expected = running.Select(s => s.SiloAddress).ToHashSet();
        foreach (var silo in running)
        {
            var view = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            if (!view.ActiveMembers.Select(m => m.SiloAddress).ToHashSet().SetEquals(expected))
            {
                return false;
            }
        }

        return true;
    }

    private void ApplyDropFilters()
    {
        HashSet<SiloAddress> isolated;
        lock (_isolated)
        {
            isolated = [.. _isolated];
        }

        Func<SiloAddress, SiloAddress, bool>? filter = isolated.Count == 0
            ? null
            : (from, to) => isolated.Contains(from) != isolated.Contains(to);
        foreach (var silo in _silos)
        {
            if (silo.SiloHost.MessageCenter is { } messageCenter)
            {
                messageCenter.DropFilter = filter;
            }
        }
    }
}
