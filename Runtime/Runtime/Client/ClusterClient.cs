using System.Diagnostics.Metrics;
using System.Net;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Messaging;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.SystemTargets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Client;

/// <summary>
/// A client outside the cluster: an API gateway, a tool, a test. It connects to the silos' gateway ports
/// (a static list, or the active silos of the membership table), spreads calls over the connected gateways,
/// fails over when one dies and reconnects in the background. Calls made while no gateway is reachable fail
/// at once with a <see cref="SiloUnavailableException"/> that says so. Grain types are resolved from the
/// manifest the gateway sends, so the client needs only the grain interfaces, never the grain classes.
/// </summary>
public sealed partial class ClusterClient : IClusterClient, IGrainReferenceRuntime, IAsyncDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterClient> _logger;
    private readonly ManifestGrainTypeResolver _types = new();
    private readonly GrainFactory _factory;
    private readonly GatewayClientConnector _connector;
    private readonly long _timeoutTicks;
    private ITimer? _manifestTimer;

    /// <summary>Creates a client; call <see cref="ConnectAsync"/> (or start its host) before using it.</summary>
    public ClusterClient(
        IServiceProvider services,
        IOptions<ClusterClientOptions> options,
        IOptions<NetworkingOptions> networking,
        TimeProvider time,
        ILoggerFactory loggerFactory)
        : this(services, options.Value, networking.Value, time, loggerFactory, null)
    {
    }

    internal ClusterClient(
        IServiceProvider services,
        ClusterClientOptions options,
        NetworkingOptions networking,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        Func<CancellationToken, Task<IReadOnlyList<IPEndPoint>>>? gateways)
    {
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<ClusterClient>();
        ServiceProvider = services;
        _timeoutTicks = (long)(options.ResponseTimeout.TotalSeconds * time.TimestampFrequency);
        _factory = new GrainFactory(this, _types, services);
        var messaging = new MessagingOptions { ResponseTimeout = options.ResponseTimeout };
        _connector = new GatewayClientConnector(
            options.ClusterId,
            gateways ?? GatewayProvider(services, options),
            OnResponse,
            this,
            networking,
            messaging,
            time,
            loggerFactory,
            meterFactory: services.GetService<IMeterFactory>());
    }

    /// <inheritdoc />
    public IServiceProvider ServiceProvider { get; }

    /// <summary>The silos whose gateways the client is connected to.</summary>
    public IReadOnlyList<SiloAddress> ConnectedGateways => _connector.ConnectedGateways;

    IGrainFactory IGrainReferenceRuntime.GrainFactory => _factory;

    /// <summary>Connects to the cluster and reads its manifest, retrying until <see cref="ClusterClientOptions.ConnectTimeout"/>.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Exception? last = null;
        while (true)
        {
            try
            {
                await _connector.StartAsync(linked.Token).ConfigureAwait(false);
                await RefreshManifestAsync().ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            try
            {
                timeout.Token.ThrowIfCancellationRequested();
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SiloUnavailableException(
                    $"The client could not reach any gateway of cluster '{_options.ClusterId}' within {_options.ConnectTimeout}: {last?.Message}",
                    last ?? new TimeoutException());
            }
        }

        _manifestTimer = _time.CreateTimer(static s => _ = ((ClusterClient)s!).RefreshManifestSafeAsync(), this, _options.GatewayListRefreshPeriod, _options.GatewayListRefreshPeriod);
        LogConnected(_logger, _options.ClusterId, ConnectedGateways.Count);
    }

    /// <summary>Disconnects; pending calls fail with <see cref="SiloUnavailableException"/>.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_manifestTimer is not null)
        {
            await _manifestTimer.DisposeAsync().ConfigureAwait(false);
        }

        await _connector.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        await _connector.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => _factory.GetGrain<TGrainInterface>(grainId);

    void IGrainReferenceRuntime.SendRequest(GrainReference target, RequestBase request)
    {
        request.TargetGrain = target.GrainId;
        request.TargetInterface = target.InterfaceType;
        request.Deadline = _time.GetTimestamp() + _timeoutTicks;
        _connector.SendRequest(request);
    }

    GrainReference IGrainReferenceRuntime.CreateReference(GrainId grainId, Type interfaceType) =>
        GeneratedCodeRegistry.GetProxyFactory(interfaceType)(this, grainId);

    private static Func<CancellationToken, Task<IReadOnlyList<IPEndPoint>>> GatewayProvider(IServiceProvider services, ClusterClientOptions options)
    {
        if (options.Gateways.Count > 0)
        {
            return GatewayClientConnector.FixedGateways([.. options.Gateways.Select(IPEndPoint.Parse)]);
        }

        return async ct =>
        {
            var table = services.GetService<IMembershipTable>()
                ?? throw new InvalidOperationException("The cluster client has no gateways configured (Client:Gateways) and no membership table to read them from.");
            var data = await table.ReadAllAsync(ct).ConfigureAwait(false);
            return [.. data.Rows
                .Where(r => r.Entry.Status == SiloStatus.Active && r.Entry.GatewayPort > 0)
                .Select(r => new IPEndPoint(r.Entry.SiloAddress.Endpoint.Address, r.Entry.GatewayPort))];
        };
    }

    private async Task RefreshManifestAsync()
    {
        var gateways = ConnectedGateways;
        var gateway = gateways.Count > 0 ? gateways[0] : throw new SiloUnavailableException($"No gateway of cluster '{_options.ClusterId}' is connected.");
        var manifest = await ((IGrainReferenceRuntime)this).GetSystemTarget<IManifestSystemTarget>(gateway).GetManifest().ConfigureAwait(false);
        _types.Update(manifest);
    }

    private async Task RefreshManifestSafeAsync()
    {
        try
        {
            await RefreshManifestAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogManifestRefreshFailed(_logger, e.Message);
        }
    }

    // Responses arrive on a connection's reader loop; the caller's continuation (an ASP.NET handler, say) must
    // not run there, or one slow handler would stall every call on that gateway connection.
    private static void OnResponse(RequestBase request) =>
        ThreadPool.UnsafeQueueUserWorkItem(request, preferLocal: false);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Cluster client connected to cluster {ClusterId} through {Count} gateways")]
    private static partial void LogConnected(ILogger logger, string clusterId, int count);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Refreshing the cluster manifest failed: {Reason}")]
    private static partial void LogManifestRefreshFailed(ILogger logger, string reason);
}
