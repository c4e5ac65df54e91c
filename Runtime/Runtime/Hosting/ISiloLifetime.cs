namespace FlashSale.Runtime.Hosting;

/// <summary>Lets runtime services stop their own silo: membership calls it when the silo learns it was declared dead.</summary>
internal interface ISiloLifetime
{
    /// <summary>The silo's status.</summary>
    SiloStatus Status { get; }

    /// <summary>Stops the silo at once, as after a crash: no grain code runs, waiting callers fail.</summary>
    void KillSelf(string reason);
}
