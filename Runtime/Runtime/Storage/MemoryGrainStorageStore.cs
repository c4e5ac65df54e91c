namespace FlashSale.Runtime.Storage;

/// <summary>
/// The records behind a memory grain storage: serialized bytes with a version. One store may be shared by
/// several silos in a process (a TestCluster), so that state survives the loss of the silo that wrote it.
/// Versions come from one counter, so a record that is cleared and written again never reuses an ETag.
/// </summary>
public sealed class MemoryGrainStorageStore
{
    private readonly Dictionary<string, (byte[] Data, long Version)> _records = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _nextVersion;

    /// <summary>The number of records.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Reads a record.</summary>
    public bool TryRead(string key, out byte[] data, out string etag)
    {
        lock (_lock)
        {
            if (_records.TryGetValue(key, out var record))
            {
                data = record.Data;
                etag = record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
        }

        data = [];
        etag = string.Empty;
        return false;
    }

    /// <summary>Writes a record if its current ETag is <paramref name="expectedEtag"/> (null: no record); returns the new ETag.</summary>
    public string Write(string key, byte[] data, string? expectedEtag)
    {
        lock (_lock)
        {
            CheckEtag(key, expectedEtag, "write");
            var version = ++_nextVersion;
            _records[key] = (data, version);
            return version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Deletes a record if its current ETag is <paramref name="expectedEtag"/>.</summary>
    public void Delete(string key, string? expectedEtag)
    {
        lock (_lock)
        {
            CheckEtag(key, expectedEtag, "clear");
            _records.Remove(key);
        }
    }

    private void CheckEtag(string key, string? expectedEtag, string operation)
    {
        var stored = _records.TryGetValue(key, out var record) ? record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"Memory storage refused to {operation} '{key}': the state was changed since it was read.", stored, expectedEtag);
        }
    }
}
