namespace FlashSale.Runtime;

/// <summary>A timer that runs inside its grain's turns; dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period of the timer.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
