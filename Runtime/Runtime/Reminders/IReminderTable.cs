namespace FlashSale.Runtime.Reminders;

/// <summary>Durable storage of reminders (memory for development and tests, PostgreSQL in production).</summary>
public interface IReminderTable
{
    /// <summary>Prepares the table (schema, connections).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one reminder, or null.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>Reads the reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the reminders whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>];
    /// when begin ≥ end the range wraps around zero, and begin == end means the whole ring.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a reminder; returns the new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes a reminder if its ETag matches; false when it did not.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag, CancellationToken cancellationToken = default);
}
