using System.Buffers;

namespace FlashSale.Runtime.Networking;

/// <summary>Cuts length-prefixed frames out of the bytes a connection has received.</summary>
internal static class FrameReader
{
    /// <summary>
    /// Takes the next complete frame's body from the front of <paramref name="buffer"/>; false if it has not fully
    /// arrived. A length of zero, a negative one, or one over <paramref name="maxFrameSize"/> throws
    /// <see cref="MalformedFrameException"/> at once, before any of the body is buffered.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < FrameBuffer.PrefixSize)
        {
            return false;
        }

        int length;
        if (buffer.FirstSpan.Length >= FrameBuffer.PrefixSize)
        {
            length = FrameCodec.ReadLength(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[FrameBuffer.PrefixSize];
            buffer.Slice(0, FrameBuffer.PrefixSize).CopyTo(prefix);
            length = FrameCodec.ReadLength(prefix);
        }

        if (length <= 0 || length > maxFrameSize)
        {
            throw new MalformedFrameException(length <= 0
                ? $"A frame declares a length of {length} bytes."
                : $"A frame of {length} bytes exceeds the limit of {maxFrameSize} bytes (Networking:MaxFrameSize, or {FrameCodec.MaxHelloSize} for a hello).");
        }

        if (buffer.Length - FrameBuffer.PrefixSize < length)
        {
            return false;
        }

        body = buffer.Slice(FrameBuffer.PrefixSize, length);
        buffer = buffer.Slice(body.End);
        return true;
    }

    /// <summary>Decodes a hello body; any decoding error becomes a <see cref="MalformedFrameException"/>.</summary>
    public static HelloMessage DecodeHello(ReadOnlySequence<byte> body)
    {
        try
        {
            return FrameCodec.DecodeHello(body.IsSingleSegment ? body.FirstSpan : body.ToArray());
        }
        catch (Exception e) when (e is not MalformedFrameException)
        {
            throw new MalformedFrameException($"The hello is malformed: {e.Message}", e);
        }
    }
}
