namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An open-addressing hash table (linear probing) from a 32-bit hash to 64-bit values, with no references inside:
/// the keys stay where the records are, and callers compare a candidate's key themselves. Not thread-safe: the owner
/// locks around it.
/// </summary>
/// <remarks>
/// A slot holds its hash and value side by side (one cache line per probe), and the table stays at most half full:
/// at three quarters a miss walked about eight slots, which made it the hottest code of a commit.
/// </remarks>
internal sealed class RecordTable
{
    private Slot[] _slots = new Slot[64];
    private int _count;

    public int Count => _count;

    /// <summary>The values stored under <paramref name="hash"/>, in the order of their probe chain.</summary>
    public Candidates Find(int hash) => new(_slots, hash);

    /// <summary>Adds a value under <paramref name="hash"/> (duplicates allowed).</summary>
    public void Add(int hash, long value)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        Insert(_slots, hash, value + 1);
        _count++;
    }

    /// <summary>Replaces the first occurrence of <paramref name="oldValue"/> under <paramref name="hash"/>.</summary>
    public bool Replace(int hash, long oldValue, long newValue)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; slots[i].Value != 0; i = (i + 1) & mask)
        {
            if (slots[i].Hash == hash && slots[i].Value == oldValue + 1)
            {
                slots[i].Value = newValue + 1;
                return true;
            }
        }

        return false;
    }

    private static void Insert(Slot[] slots, int hash, long stored)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i].Value != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = new Slot { Hash = hash, Value = stored };
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot.Value != 0)
            {
                Insert(slots, slot.Hash, slot.Value);
            }
        }

        _slots = slots;
    }

    internal struct Slot
    {
        public long Value; // value + 1; 0 marks an empty slot
        public int Hash;
    }

    /// <summary>Walks the probe chain of one hash.</summary>
    public ref struct Candidates
    {
        private readonly Slot[] _slots;
        private readonly int _hash;
        private int _slot;

        internal Candidates(Slot[] slots, int hash)
        {
            _slots = slots;
            _hash = hash;
            _slot = -1;
            Current = 0;
        }

        public long Current { get; private set; }

        public readonly Candidates GetEnumerator() => this;

        public bool MoveNext()
        {
            var slots = _slots;
            var mask = slots.Length - 1;
            for (var i = _slot < 0 ? _hash & mask : (_slot + 1) & mask; slots[i].Value != 0; i = (i + 1) & mask)
            {
                if (slots[i].Hash == _hash)
                {
                    _slot = i;
                    Current = slots[i].Value - 1;
                    return true;
                }
            }

            return false;
        }
    }
}
