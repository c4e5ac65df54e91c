using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>One level of degrade switches on the wire (<c>PUT /admin/switches</c>); an absent field is not set at this level.</summary>
/// <param name="WriteMode">"durable" or "fast"; absent keeps the campaign's.</param>
/// <param name="Paused">Pause purchases (503 with the reason).</param>
/// <param name="PauseReason">Shown to buyers while paused.</param>
/// <param name="DropNonCoreFields">Leave the name, remaining units and per-user limit out of the product view.</param>
/// <param name="ReadFallback">Serve product reads from the last known view when the SKU is unreachable.</param>
public sealed record SwitchSetBody(string? WriteMode, bool? Paused, string? PauseReason, bool? DropNonCoreFields, bool? ReadFallback)
{
    /// <summary>The longest pause reason accepted.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The wire form of a switch set.</summary>
    public static SwitchSetBody From(SwitchSet set) =>
        new(set.WriteMode?.ToString().ToLowerInvariant(), set.Paused, set.PauseReason, set.DropNonCoreFields, set.ReadFallback);

    /// <summary>Converts to a switch set, or returns the problems per field.</summary>
    public SwitchSet ToSwitchSet(out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WriteMode? mode = null;
        if (WriteMode is { } text)
        {
            if (string.Equals(text, "durable", StringComparison.OrdinalIgnoreCase))
            {
                mode = Grains.WriteMode.Durable;
            }
            else if (string.Equals(text, "fast", StringComparison.OrdinalIgnoreCase))
            {
                mode = Grains.WriteMode.Fast;
            }
            else
            {
                errors.Add("writeMode", ["writeMode must be durable or fast (or absent)."]);
            }
        }

        if (PauseReason is { } reason && (reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
        {
            errors.Add("pauseReason", [$"pauseReason must be at most {MaxReasonLength} characters, without control characters."]);
        }

        return new SwitchSet { WriteMode = mode, Paused = Paused, PauseReason = PauseReason, DropNonCoreFields = DropNonCoreFields, ReadFallback = ReadFallback };
    }
}
