using System.Collections.Concurrent;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Recycles <see cref="FrameBuffer"/>s between the threads that serialize frames and the writer loops that send
/// them, so that a steady stream of calls allocates no buffers. Bounded: beyond <see cref="MaxRetained"/> idle
/// buffers, returned ones are dropped; a buffer that grew past <see cref="MaxRetainedCapacity"/> gives its large
/// array back before it is kept.
/// </summary>
internal sealed class FrameBufferPool
{
    /// <summary>The most idle buffers kept.</summary>
    public const int MaxRetained = 4096;

    /// <summary>The largest array an idle buffer keeps.</summary>
    public const int MaxRetainedCapacity = 64 * 1024;

    private readonly ConcurrentQueue<FrameBuffer> _idle = new();
    private int _idleCount;

    /// <summary>Takes an empty buffer.</summary>
    public FrameBuffer Rent()
    {
        if (_idle.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _idleCount);
            return buffer;
        }

        return new FrameBuffer();
    }

    /// <summary>Gives a buffer back; the caller must not touch it afterwards.</summary>
    public void Return(FrameBuffer buffer)
    {
        if (buffer.Capacity > MaxRetainedCapacity)
        {
            buffer.Shrink();
        }
        else
        {
            buffer.Reset();
        }

        if (Interlocked.Increment(ref _idleCount) > MaxRetained)
        {
            Interlocked.Decrement(ref _idleCount);
            return;
        }

        _idle.Enqueue(buffer);
    }
}
