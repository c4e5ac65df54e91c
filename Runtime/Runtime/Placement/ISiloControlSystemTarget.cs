namespace FlashSale.Runtime.Placement;

/// <summary>Per-silo control and statistics, called by other silos (load-aware placement) and by admin tools.</summary>
public interface ISiloControlSystemTarget : ISystemTarget
{
    /// <summary>The silo's current load.</summary>
    Task<SiloRuntimeStatistics> GetStatistics();
}
