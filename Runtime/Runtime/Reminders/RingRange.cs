namespace FlashSale.Runtime.Reminders;

/// <summary>Membership test for a range (begin, end] of the 32-bit hash ring, wrapping around zero.</summary>
public static class RingRange
{
    /// <summary>Whether <paramref name="hash"/> lies in (begin, end]; begin == end is the whole ring.</summary>
    public static bool Contains(uint begin, uint end, uint hash) =>
        begin == end || (begin < end ? hash > begin && hash <= end : hash > begin || hash <= end);
}
