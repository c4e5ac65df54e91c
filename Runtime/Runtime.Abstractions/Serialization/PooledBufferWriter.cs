using System.Buffers;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// A growable <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>: reusable
/// through <see cref="Reset"/>, and <see cref="Dispose"/> returns the buffer to the pool.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    // A thread's cached writer that grew past this is released rather than kept for the thread's lifetime.
    private const int MaxRetainedCapacity = 1024 * 1024;

    [ThreadStatic]
    private static PooledBufferWriter? t_cached;

    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a writer with at least <paramref name="initialCapacity"/> bytes of room.</summary>
    public PooledBufferWriter(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>The bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The number of bytes written since the last <see cref="Reset"/>.</summary>
    public int WrittenCount => _written;

    /// <summary>The size of the current buffer.</summary>
    public int Capacity => _buffer.Length;

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || count > _buffer.Length - _written)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets the written bytes, keeping the buffer.</summary>
    public void Reset() => _written = 0;

    /// <summary>Copies the written bytes to a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Returns the buffer to the pool; the writer stays usable and rents again when written to.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Takes this thread's cached writer, or a new one when it is in use (nested serialization).</summary>
    internal static PooledBufferWriter RentThreadLocal()
    {
        var writer = t_cached ?? new PooledBufferWriter();
        t_cached = null;
        return writer;
    }

    /// <summary>Gives a writer from <see cref="RentThreadLocal"/> back for reuse on this thread.</summary>
    internal static void ReturnThreadLocal(PooledBufferWriter writer)
    {
        if (writer.Capacity > MaxRetainedCapacity)
        {
            writer.Dispose();
            return;
        }

        writer.Reset();
        t_cached = writer;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var required = (long)_written + needed;
        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException($"A serialized value cannot exceed {Array.MaxLength} bytes.");
        }

        var size = (int)Math.Min(Math.Max(required, (long)Math.Max(_buffer.Length, 128) * 2), Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        var old = _buffer;
        _buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
