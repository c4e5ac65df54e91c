using System.Runtime.CompilerServices;
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
/// otherwise count against its large-object budget at every doubling.
/// <para>
/// Growth is incremental. Doubling all at once re-inserted every entry under the owner's lock, and since the 64 order
/// stripes and the shards' buyer books fill evenly, they all doubled within moments of each other: at a million
/// orders a sale's open loop stalled for tens of milliseconds (perf put 41% of the samples taken during stalls in
/// that copy, against 9% overall). Now a doubling only allocates the new slots; each later <see cref="Add"/> moves
/// the next <see cref="MigrationStep"/> old slots over, so the copy is spread over the following inserts and finishes
/// long before the next doubling is due. Until then the old slots stay as they were (their probe chains intact) and
/// lookups read both tables: the new one, then the old slots not yet moved. A table that stops growing halfway keeps
/// both (half as much again of memory, two chains per lookup) until it grows again or is collected.
/// </para>
/// <para>
/// Every access is under the owner's lock, so the old slots are freed as soon as the last of them is moved; the
/// finalizer frees what is left.
/// </para>
/// </remarks>
internal sealed unsafe class RecordTable
{
    private const int InitialLength = 64;

    // Old slots moved per insert while a doubling is under way: the copy of 2n old slots must end within the n inserts
    // before the next doubling is due, so 2 would do; 8 ends it in a quarter of that, at a few slots per insert.
    private const int MigrationStep = 8;

    private Slot* _slots = Allocate(InitialLength);
    private int _length = InitialLength;
    private int _count;
    private Slot* _old;
    private int _oldLength;
    private int _moved;

    ~RecordTable()
    {
        NativeMemory.Free(_slots);
        NativeMemory.Free(_old);
    }

    public int Count => _count;

    /// <summary>Whether a doubling is still moving old slots (for tests).</summary>
    internal bool IsMigrating => _old != null;

    /// <summary>The values stored under <paramref name="hash"/>: along its probe chain in the current slots, then in the old ones.</summary>
    public Candidates Find(int hash) => new(_slots, _length - 1, _old, _oldLength - 1, _moved, hash);

    /// <summary>Adds a value (not negative) under <paramref name="hash"/> (duplicates allowed).</summary>
    public void Add(int hash, long value)
    {
        // Stored as value + 1, and 0 marks an empty slot: -1 would end every probe chain through it.
        System.Diagnostics.Debug.Assert(value >= 0, "RecordTable values are record numbers, never negative.");
        if (_old != null)
        {
            Migrate(MigrationStep);
        }

        if ((_count + 1) * 2 > _length)
        {
            StartDoubling();
        }

        Insert(_slots, _length - 1, hash, value + 1);
        _count++;
    }

    /// <summary>Replaces the first occurrence of <paramref name="oldValue"/> under <paramref name="hash"/>.</summary>
    public bool Replace(int hash, long oldValue, long newValue) =>
        Replace(_slots, _length - 1, 0, hash, oldValue + 1, newValue + 1) ||
        (_old != null && Replace(_old, _oldLength - 1, _moved, hash, oldValue + 1, newValue + 1));

    private static bool Replace(Slot* slots, int mask, int firstUnmoved, int hash, long stored, long replacement)
    {
        for (var i = NextSlot(slots, mask, firstUnmoved, hash, hash & mask); i >= 0; i = NextSlot(slots, mask, firstUnmoved, hash, (i + 1) & mask))
        {
            if (slots[i].Value == stored)
            {
                slots[i].Value = replacement;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first slot from <paramref name="start"/> on the probe chain that holds <paramref name="hash"/>, or -1 at the
    /// chain's end. Slots below <paramref name="firstUnmoved"/> (old slots already copied to the current table, and
    /// found there) are walked through, since the chains that pass them are intact, but never returned.
    /// </summary>
    // Inlined: it is the hottest loop of a commit, and has been the body of each caller.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSlot(Slot* slots, int mask, int firstUnmoved, int hash, int start)
    {
        for (var i = start; slots[i].Value != 0; i = (i + 1) & mask)
        {
            if (slots[i].Hash == hash && i >= firstUnmoved)
            {
                return i;
            }
        }

        return -1;
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

    private void StartDoubling()
    {
        // Normally long finished (see MigrationStep); finishing here keeps at most one old table.
        if (_old != null)
        {
            Migrate(_oldLength - _moved);
        }

        var slots = Allocate(_length * 2);
        _old = _slots;
        _oldLength = _length;
        _moved = 0;
        _slots = slots;
        _length *= 2;
    }

    private void Migrate(int slots)
    {
        var end = Math.Min(_oldLength, _moved + slots);
        var mask = _length - 1;
        for (var i = _moved; i < end; i++)
        {
            if (_old[i].Value != 0)
            {
                Insert(_slots, mask, _old[i].Hash, _old[i].Value);
            }
        }

        _moved = end;
        if (end == _oldLength)
        {
            NativeMemory.Free(_old);
            _old = null;
            _oldLength = 0;
            _moved = 0;
        }
    }

    internal struct Slot
    {
        public long Value; // value + 1; 0 marks an empty slot
        public int Hash;
    }

    /// <summary>
    /// Walks the probe chain of one hash: in the current slots, then in the old slots not yet moved (under the owner's
    /// lock: an insert may move or free the slots it walks).
    /// </summary>
    public ref struct Candidates
    {
        private readonly Slot* _slots;
        private readonly int _mask;
        private readonly Slot* _old;
        private readonly int _oldMask;
        private readonly int _moved;
        private readonly int _hash;
        private int _slot;
        private bool _inOld;

        internal Candidates(Slot* slots, int mask, Slot* old, int oldMask, int moved, int hash)
        {
            _slots = slots;
            _mask = mask;
            _old = old;
            _oldMask = oldMask;
            _moved = moved;
            _hash = hash;
            _slot = -1;
            _inOld = false;
            Current = 0;
        }

        public long Current { get; private set; }

        public readonly Candidates GetEnumerator() => this;

        public bool MoveNext()
        {
            if (!_inOld)
            {
                if (Next(_slots, _mask, 0))
                {
                    return true;
                }

                if (_old == null)
                {
                    return false;
                }

                _inOld = true;
                _slot = -1;
            }

            return Next(_old, _oldMask, _moved);
        }

        private bool Next(Slot* slots, int mask, int firstUnmoved)
        {
            var i = NextSlot(slots, mask, firstUnmoved, _hash, _slot < 0 ? _hash & mask : (_slot + 1) & mask);
            if (i < 0)
            {
                return false;
            }

            _slot = i;
            Current = slots[i].Value - 1;
            return true;
        }
    }
}
