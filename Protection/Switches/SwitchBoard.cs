using FlashSale.Protection.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.Switches;

/// <summary>
/// This process's copy of the degrade switches, read on every purchase and product read.
///
/// Guarantees
/// - Reads are from memory (one volatile read and a dictionary lookup); the copy only moves forward in version,
///   whatever order updates arrive in (the poller's, or an admin call answered on this gateway).
/// - Nothing that depends on switches runs before the first copy is loaded: callers await <see cref="WhenLoadedAsync"/>
///   (shard activations on silos, purchases on gateways), so a process started while a switch is set honours it
///   from its first request.
/// - If the switchboard cannot be reached, the last copy stays in force; the poller keeps trying.
/// </summary>
public sealed class SwitchBoard(IOptions<DegradeSwitchOptions> options)
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DegradeSwitches _current = new();

    /// <summary>The switches in force (version 0 until the first load).</summary>
    public DegradeSwitches Current => Volatile.Read(ref _current);

    /// <summary>Whether the first copy has been loaded.</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    /// <summary>Raised after the copy moved to a newer version.</summary>
    public event Action<DegradeSwitches>? Changed;

    /// <summary>The switches in force for one SKU.</summary>
    public EffectiveSwitches For(string sku) => Current.For(sku);

    /// <summary>Completes when the first copy is loaded; throws <see cref="TimeoutException"/> after the configured load timeout.</summary>
    public ValueTask WhenLoadedAsync(CancellationToken cancellationToken = default)
    {
        return _loaded.Task.IsCompleted ? ValueTask.CompletedTask : new(WaitAsync());

        async Task WaitAsync()
        {
            try
            {
                await _loaded.Task.WaitAsync(options.Value.LoadTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The degrade switches could not be loaded within {options.Value.LoadTimeout}; refusing to serve without them.");
            }
        }
    }

    /// <summary>Takes <paramref name="switches"/> if it is newer than the copy (or the first one); returns whether it did.</summary>
    public bool Apply(DegradeSwitches switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        while (true)
        {
            var current = Current;
            if (IsLoaded && switches.Version <= current.Version)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _current, switches, current) == current)
            {
                _loaded.TrySetResult();
                Changed?.Invoke(switches);
                return true;
            }
        }
    }
}
