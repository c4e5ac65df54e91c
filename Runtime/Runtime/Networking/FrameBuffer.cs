using System.Buffers;
using System.Buffers.Binary;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// One outgoing frame: a growable buffer over an array rented from <see cref="ArrayPool{T}.Shared"/>, with the
/// 4-byte length prefix reserved at the front and filled in by <see cref="Seal"/>. Serializers write the body
/// through <see cref="IBufferWriter{T}"/>; the connection's writer loop copies <see cref="Frame"/> to the socket
/// and gives the buffer back to its <see cref="FrameBufferPool"/>.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    /// <summary>The size of the length prefix.</summary>
    public const int PrefixSize = 4;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256);
    private int _written = PrefixSize;

    /// <summary>The body length so far (the prefix excluded).</summary>
    public int BodyLength => _written - PrefixSize;

    /// <summary>The size of the rented array.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The whole frame, prefix included; valid after <see cref="Seal"/>.</summary>
    public ReadOnlyMemory<byte> Frame => _buffer.AsMemory(0, _written);

    /// <summary>The body written so far.</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(PrefixSize, _written - PrefixSize);

    /// <summary>Forgets the body, keeping the buffer.</summary>
    public void Reset() => _written = PrefixSize;

    /// <summary>Writes the length prefix.</summary>
    public void Seal() => BinaryPrimitives.WriteInt32LittleEndian(_buffer, _written - PrefixSize);

    /// <summary>Returns the array to the pool and starts over with a small one.</summary>
    public void Shrink()
    {
        var old = _buffer;
        _buffer = ArrayPool<byte>.Shared.Rent(256);
        _written = PrefixSize;
        ArrayPool<byte>.Shared.Return(old);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
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
            throw new InvalidOperationException($"A frame cannot exceed {Array.MaxLength} bytes.");
        }

        var size = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        var old = _buffer;
        _buffer = larger;
        ArrayPool<byte>.Shared.Return(old);
    }
}
