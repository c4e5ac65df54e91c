using Microsoft.Extensions.Logging;

namespace FlashSale.Grains.Protection;

/// <summary>
/// The switchboard (the seeds' 降级开关): one grain holding every degrade switch, global and per SKU.
///
/// Guarantees
/// - A change is persisted before it is acknowledged, and every change gets the next version; readers compare
///   versions, so a process never goes back to an older set.
/// - Every silo and gateway keeps a local copy (FlashSale.Protection's SwitchBoard) and polls
///   <see cref="GetIfNewer"/>, so the hot path reads switches from memory, and a change is in force everywhere
///   within one poll period (250 ms by default) plus a call.
/// - Bad input (a malformed SKU id, an undefined write mode, an over-long reason) throws
///   <see cref="ArgumentException"/> and changes nothing.
/// If the silo holding this grain dies, the grain comes back elsewhere from storage; meanwhile every process keeps
/// serving with the switches it last saw.
/// </summary>
public sealed partial class DegradeSwitchGrain(
    [PersistentState("switches")] IPersistentState<SwitchboardState> state,
    TimeProvider time,
    ILogger<DegradeSwitchGrain> logger) : Grain, IDegradeSwitchGrain
{
    /// <summary>The longest pause reason accepted.</summary>
    public const int MaxReasonLength = 200;

    /// <inheritdoc />
    public Task<DegradeSwitches> Get() => Task.FromResult(state.State.Switches);

    /// <inheritdoc />
    public Task<DegradeSwitches?> GetIfNewer(long knownVersion) =>
        Task.FromResult(state.State.Switches.Version > knownVersion ? state.State.Switches : null);

    /// <inheritdoc />
    public async Task<DegradeSwitches> SetGlobal(SwitchSet switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        Validate(switches);
        var current = state.State.Switches;
        await SaveAsync(current with { Global = switches });
        LogChanged(logger, "global", state.State.Switches.Version, switches.ToString());
        return state.State.Switches;
    }

    /// <inheritdoc />
    public async Task<DegradeSwitches> SetSku(string sku, SwitchSet? switches)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            throw new ArgumentException($"'{sku}' is not a valid SKU id.", nameof(sku));
        }

        var current = state.State.Switches;
        var skus = new Dictionary<string, SwitchSet>(current.Skus, StringComparer.Ordinal);
        if (switches is null || switches == SwitchSet.None)
        {
            skus.Remove(sku);
        }
        else
        {
            Validate(switches);
            skus[sku] = switches;
        }

        await SaveAsync(current with { Skus = skus });
        LogChanged(logger, sku, state.State.Switches.Version, switches?.ToString() ?? "cleared");
        return state.State.Switches;
    }

    private static void Validate(SwitchSet switches)
    {
        if (switches.WriteMode is { } mode && !Enum.IsDefined(mode))
        {
            throw new ArgumentException("writeMode must be durable or fast.", nameof(switches));
        }

        if (switches.PauseReason is { Length: > MaxReasonLength } || switches.PauseReason?.Any(char.IsControl) == true)
        {
            throw new ArgumentException($"pauseReason must be at most {MaxReasonLength} characters, without control characters.", nameof(switches));
        }
    }

    private async Task SaveAsync(DegradeSwitches next)
    {
        var previous = state.State.Switches;
        state.State.Switches = next with { Version = previous.Version + 1, ChangedAt = time.GetUtcNow() };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not persisted, not acknowledged: nobody may see a version that a restart would forget.
            state.State.Switches = previous;
            throw;
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Degrade switches of {Scope} changed (version {Version}): {Switches}")]
    private static partial void LogChanged(ILogger logger, string scope, long version, string switches);
}
