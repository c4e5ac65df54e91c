using System.Runtime.InteropServices;

namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An open-addressing hash table (linear probing) from a 32-bit hash to 64-bit values, with no references inside:
/// the keys stay where the records are, and callers compare a candidate's key themselves. Not thread-safe: the owner
/// locks around it.
/// </summary>
/// <remarks>
/// A slot holds its hash and value side by side (one cache line per probe), and the table stays at most half full:
/// at three quarters a miss walked about eight slots, which made it the hottest code of a commit.
/// The slots live in native memory: a table of a million orders is tens of megabytes that the collector would
/// otherwise count against its large-object budget at every doubling. Every access is under the owner's lock, so
/// the old slots are freed as soon as a growth has copied them; the finalizer frees the last.
/// </remarks>
internal sealed unsafe class RecordTable
{
    private const int InitialLength = 64;
    private Slot* _slots = Allocate(InitialLength);
    private int _length = InitialLength;
    private int _count;

    ~RecordTable() => NativeMemory.Free(_slots);

    public int Count => _count;

    /// <summary>The values stored under <paramref name="hash"/>, in the order of their probe chain.</summary>
    public Candidates Find(int hash) => new(_slots, _length - 1, hash);

    /// <summary>Adds a value under <paramref name="hash"/> (duplicates allowed).</summary>
    public void Add(int hash, long value)
    {
        if ((_count + 1) * 2 > _length)
        {
            Grow();
        }

        Insert(_slots, _length - 1, hash, value + 1);
        _count++;
    }

    /// <summary>Replaces the first occurrence of <paramref name="oldValue"/> under <paramref name="hash"/>.</summary>
    public bool Replace(int hash, long oldValue, long newValue)
    {
        var slots = _slots;
        var mask = _length - 1;
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

    private static Slot* Allocate(int length) => (Slot*)NativeMemory.AllocZeroed((nuint)length, (nuint)sizeof(Slot));

    private static void Insert(Slot* slots, int mask, int hash, long stored)
    {
        var i = hash & mask;
        while (slots[i].Value != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = new Slot { Hash = hash, Value = stored };
    }

    private void Grow()
    {
        var length = _length * 2;
        var slots = Allocate(length);
        for (var i = 0; i < _length; i++)
        {
            if (_slots[i].Value != 0)
            {
                Insert(slots, length - 1, _slots[i].Hash, _slots[i].Value);
            }
        }

        NativeMemory.Free(_slots);
        _slots = slots;
        _length = length;
    }

    internal struct Slot
    {
        public long Value; // value + 1; 0 marks an empty slot
        public int Hash;
    }

    /// <summary>Walks the probe chain of one hash (under the owner's lock: a growth frees the slots it walks).</summary>
    public ref struct Candidates
    {
        private readonly Slot* _slots;
        private readonly int _mask;
        private readonly int _hash;
        private int _slot;

        internal Candidates(Slot* slots, int mask, int hash)
        {
            _slots = slots;
            _mask = mask;
            _hash = hash;
            _slot = -1;
            Current = 0;
        }

        public long Current { get; private set; }

        public readonly Candidates GetEnumerator() => this;

        public bool MoveNext()
        {
            var slots = _slots;
            var mask = _mask;
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
