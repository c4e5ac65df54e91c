namespace FlashSale.Protection.Configuration;

/// <summary>How a process keeps its copy of the degrade switches (section FlashSale:Switches).</summary>
public sealed class DegradeSwitchOptions
{
    /// <summary>The default <see cref="PollPeriod"/>: four polls a second keep a change under the one-second promise.</summary>
    public static readonly TimeSpan DefaultPollPeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>The default <see cref="LoadTimeout"/>.</summary>
    public static readonly TimeSpan DefaultLoadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the switchboard is asked for a newer version.</summary>
    public TimeSpan PollPeriod { get; set; } = DefaultPollPeriod;

    /// <summary>How long work that needs the switches waits for the first copy before it gives up.</summary>
    public TimeSpan LoadTimeout { get; set; } = DefaultLoadTimeout;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (PollPeriod < TimeSpan.FromMilliseconds(10) || PollPeriod > TimeSpan.FromSeconds(1))
        {
            yield return "FlashSale:Switches:PollPeriod must be between 10 ms and 1 s (changes must arrive within about a second).";
        }

        if (LoadTimeout <= TimeSpan.Zero)
        {
            yield return "FlashSale:Switches:LoadTimeout must be positive.";
        }
    }
}
