using FlashSale.Grains.Configuration;
using FlashSale.Protection.HotKeys;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Sales;

/// <summary>
/// One read replica of a SKU per silo. It answers from memory and refreshes from the SKU grain on a timer
/// (<see cref="FlashSaleOptions.ReplicaRefreshPeriod"/>), so a million product reads cost the SKU grain one call
/// per replica per silo per second. Reentrant: reads never wait behind a refresh. A hot SKU gets more replicas
/// (<see cref="SkuView.ReplicaCount"/>), each under its own key (<see cref="ReplicaKeys"/>).
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class SkuReplicaGrain(IOptions<FlashSaleOptions> options, HotKeyCounter hotKeys) : Grain, ISkuReplicaGrain
{
    private SkuView? _view;
    private bool _loaded;
    private string _sku = string.Empty;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sku = ReplicaKeys.SkuOf(this.GetPrimaryKeyString());
        await RefreshAsync(cancellationToken);
        var period = options.Value.ReplicaRefreshPeriod;
        this.RegisterGrainTimer(RefreshAsync, period, period);
    }

    /// <inheritdoc />
    public async Task<SkuView?> Get()
    {
        hotKeys.Count(_sku);
        if (!_loaded)
        {
            await RefreshAsync(CancellationToken.None);
        }

        return _view;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _view = await GrainFactory.GetGrain<ISkuGrain>(_sku).GetView();
        _loaded = true;
    }
}
