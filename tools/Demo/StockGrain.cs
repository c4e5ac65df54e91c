using FlashSale.Runtime;

namespace FlashSale.Demo;

public sealed class StockGrain([PersistentState("stock")] IPersistentState<StockState> state) : Grain, IStockGrain
{
    public Task Restock(int units)
    {
        state.State.Remaining += units;
        return Task.CompletedTask;
    }

    public Task<bool> TryTake()
    {
        if (state.State.Remaining <= 0)
        {
            return Task.FromResult(false);
        }

        state.State.Remaining--;
        state.State.Sold++;
        return Task.FromResult(true);
    }

    public Task<int> TakeMany(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        var taken = Math.Min(units, state.State.Remaining);
        state.State.Remaining -= taken;
        state.State.Sold += taken;
        return Task.FromResult(taken);
    }

    public Task<int> Remaining() => Task.FromResult(state.State.Remaining);

    public Task<int> Sold() => Task.FromResult(state.State.Sold);

    public Task Save() => state.WriteStateAsync();

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
