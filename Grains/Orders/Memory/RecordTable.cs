namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An open-addressing hash table (linear probing) from a 32-bit hash to 64-bit values, with no references inside:
/// the keys stay where the records are, and callers compare a candidate's key themselves. Not thread-safe: the owner
/// locks around it.
/// </summary>
internal sealed class RecordTable
{
    private int[] _hashes = new int[64];
    private long[] _values = new long[64]; // value + 1; 0 marks an empty slot
    private int _count;

    public int Count => _count;

    /// <summary>The values stored under <paramref name="hash"/>, in insertion order of their probe chain.</summary>
    public Candidates Find(int hash) => new(this, hash);

    /// <summary>Adds a value under <paramref name="hash"/> (duplicates allowed).</summary>
    public void Add(int hash, long value)
    {
        if ((_count + 1) * 4 > _values.Length * 3)
        {
            Grow();
        }

        Insert(_hashes, _values, hash, value + 1);
        _count++;
    }

    /// <summary>Replaces the first occurrence of <paramref name="oldValue"/> under <paramref name="hash"/>.</summary>
    public bool Replace(int hash, long oldValue, long newValue)
    {
        var mask = _values.Length - 1;
        for (var i = hash & mask; _values[i] != 0; i = (i + 1) & mask)
        {
            if (_hashes[i] == hash && _values[i] == oldValue + 1)
            {
                _values[i] = newValue + 1;
                return true;
            }
        }

        return false;
    }

    private static void Insert(int[] hashes, long[] values, int hash, long stored)
    {
        var mask = values.Length - 1;
        var i = hash & mask;
        while (values[i] != 0)
        {
            i = (i + 1) & mask;
        }

        hashes[i] = hash;
        values[i] = stored;
    }

    private void Grow()
    {
        var hashes = new int[_values.Length * 2];
        var values = new long[_values.Length * 2];
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] != 0)
            {
                Insert(hashes, values, _hashes[i], _values[i]);
            }
        }

        (_hashes, _values) = (hashes, values);
    }

    /// <summary>Walks the probe chain of one hash.</summary>
    public ref struct Candidates
    {
        private readonly RecordTable _table;
        private readonly int _hash;
        private int _slot;

        public Candidates(RecordTable table, int hash)
        {
            _table = table;
            _hash = hash;
            _slot = -1;
            Current = 0;
        }

        public long Current { get; private set; }

        public readonly Candidates GetEnumerator() => this;

        public bool MoveNext()
        {
            var values = _table._values;
            var mask = values.Length - 1;
            var i = _slot < 0 ? _hash & mask : (_slot + 1) & mask;
            for (; values[i] != 0; i = (i + 1) & mask)
            {
                if (_table._hashes[i] == _hash)
                {
                    _slot = i;
                    Current = values[i] - 1;
                    return true;
                }
            }

            return false;
        }
    }
}
