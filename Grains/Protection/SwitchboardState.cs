namespace FlashSale.Grains.Protection;

/// <summary>The switchboard's persisted state: the switches at their current version.</summary>
[GenerateSerializer]
public sealed class SwitchboardState
{
    /// <summary>The switches in force.</summary>
    [Id(0)]
    public DegradeSwitches Switches { get; set; } = new();
}
