namespace FlashSale.LoadGen;

/// <summary>What one request got back: accepted, refused by the system (sold out, limit), or failed.</summary>
internal enum CallOutcome
{
    Accepted,
    Rejected,
    Failed,
}
