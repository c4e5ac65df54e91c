using System.Runtime.InteropServices;

namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// A growable table of fixed chunks of native memory, freed when the table is collected: the backing store of the
/// kept, reference-free data of a sale (order records, buyer records, their text).
/// </summary>
/// <remarks>
/// Why native: that data only grows during a sale and holds nothing the collector needs to trace. In the managed
/// heap it had to be promoted (or, allocated pinned, it spent the old generation's budget), so a sale taking tens of
/// thousands of purchases a second set off a background gen2 collection every few seconds, and each one cost the
/// open loop's p99 tens of milliseconds on 2 cores. Out here the collector never sees it.
/// Chunks never move and are freed only by the finalizer, which runs once nothing can reach the table, so a pointer
/// read through a live owner stays valid. One writer at a time (the owner's lock or turn); readers may run beside it
/// and reach every chunk published before the count they read.
/// Limit: the collector does not know about this memory, so the chunks of an owner that is gone (a deactivated shard's
/// buyer book) come back at the next gen2 collection, not at once; the order store itself lives as long as the process.
/// </remarks>
internal sealed unsafe class NativeChunks
{
    private nint[] _chunks = new nint[4];

    ~NativeChunks()
    {
        foreach (var chunk in _chunks)
        {
            if (chunk != 0)
            {
                NativeMemory.Free((void*)chunk);
            }
        }
    }

    /// <summary>The start of chunk <paramref name="index"/> (allocated earlier by <see cref="Allocate"/>).</summary>
    public byte* this[int index] => (byte*)Volatile.Read(ref _chunks)[index];

    /// <summary>Allocates chunk <paramref name="index"/> of <paramref name="bytes"/> bytes (call under the owner's lock).</summary>
    public byte* Allocate(int index, nuint bytes)
    {
        var chunks = _chunks;
        if (index >= chunks.Length)
        {
            // Readers may hold the old array: it still names every chunk they can reach.
            var grown = new nint[Math.Max(chunks.Length * 2, index + 1)];
            Array.Copy(chunks, grown, chunks.Length);
            chunks = grown;
            Volatile.Write(ref _chunks, grown);
        }

        var chunk = (byte*)NativeMemory.Alloc(bytes);
        Volatile.Write(ref chunks[index], (nint)chunk);
        return chunk;
    }
}
