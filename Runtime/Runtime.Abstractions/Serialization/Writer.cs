using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Writes the binary wire format into an <see cref="IBufferWriter{T}"/>. A ref struct over a cached span so
/// that the hot path is bounds-checked span stores, not virtual calls; <see cref="Commit"/> must be called
/// once at the end to hand the written bytes to the output. Object nesting is limited like the reader's, so a
/// cyclic object graph fails with <see cref="SerializationException"/> instead of overflowing the stack.
/// </summary>
public ref struct Writer
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _pos;
    private long _committed;
    private int _depth;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public Writer(IBufferWriter<byte> output, SerializerSession? session = null)
    {
        _output = output;
        _span = output.GetSpan(256);
        _pos = 0;
        _committed = 0;
        _depth = 0;
        Session = session ?? SerializerSession.Default;
    }

    /// <summary>The session shared with the codecs.</summary>
    public SerializerSession Session { get; }

    /// <summary>Bytes written so far.</summary>
    public readonly long Position => _committed + _pos;

    /// <summary>Hands everything written so far to the output.</summary>
    public void Commit()
    {
        if (_pos > 0)
        {
            _output.Advance(_pos);
            _committed += _pos;
            _pos = 0;
            _span = _output.GetSpan(256);
        }
    }

    /// <summary>Writes a field header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFieldHeader(uint fieldId, WireType wireType)
    {
        // Call sites pass constants, so after inlining this test disappears for every other wire type.
        if (wireType is WireType.StartObject or WireType.TypedObject && ++_depth > Reader.MaxDepth)
        {
            ThrowTooDeep();
        }

        WriteVarUInt32((fieldId << 3) | (uint)wireType);
    }

    /// <summary>Closes the innermost object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEndObject()
    {
        _depth--;
        WriteByte((byte)WireType.EndObject);
    }

    /// <summary>Writes a null field.</summary>
    public void WriteNull(uint fieldId) => WriteFieldHeader(fieldId, WireType.Null);

    /// <summary>Writes one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_pos >= _span.Length)
        {
            Grow(1);
        }

        _span[_pos++] = value;
    }

    /// <summary>Writes an unsigned LEB128 integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt32(uint value)
    {
        if (value < 0x80 && _pos < _span.Length)
        {
            _span[_pos++] = (byte)value;
            return;
        }

        WriteVarUInt64(value);
    }

    /// <summary>Writes an unsigned LEB128 integer.</summary>
    public void WriteVarUInt64(ulong value)
    {
        if (_span.Length - _pos < 10)
        {
            Grow(10);
        }

        while (value >= 0x80)
        {
            _span[_pos++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _span[_pos++] = (byte)value;
    }

    /// <summary>Writes a zig-zag encoded signed integer.</summary>
    public void WriteVarInt32(int value) => WriteVarUInt32((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes a zig-zag encoded signed integer.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes four bytes, little-endian.</summary>
    public void WriteFixed32(uint value)
    {
        if (_span.Length - _pos < 4)
        {
            Grow(4);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_span[_pos..], value);
        _pos += 4;
    }

    /// <summary>Writes eight bytes, little-endian.</summary>
    public void WriteFixed64(ulong value)
    {
        if (_span.Length - _pos < 8)
        {
            Grow(8);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(_span[_pos..], value);
        _pos += 8;
    }

    /// <summary>Writes raw bytes.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (_span.Length - _pos < value.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_span[_pos..]);
        _pos += value.Length;
    }

    /// <summary>Writes a VarInt length and the bytes.</summary>
    public void WriteLengthPrefixed(scoped ReadOnlySpan<byte> value)
    {
        WriteVarUInt32((uint)value.Length);
        WriteBytes(value);
    }

    /// <summary>Writes a VarInt byte length and the string's UTF-8 bytes.</summary>
    public void WriteUtf8(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_span.Length - _pos < max + 5)
        {
            Grow(max + 5);
        }

        // Reserve the length in the worst-case width only for long strings; short ones (the common case) take one byte.
        if (max < 0x80)
        {
            var n = Encoding.UTF8.GetBytes(value, _span[(_pos + 1)..]);
            _span[_pos] = (byte)n;
            _pos += n + 1;
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt32((uint)count);
        _pos += Encoding.UTF8.GetBytes(value, _span[_pos..]);
    }

    private static void ThrowTooDeep() =>
        throw new SerializationException($"Objects are nested deeper than {Reader.MaxDepth} levels (is the object graph cyclic?); the reader would refuse them.");

    private void Grow(int needed)
    {
        _output.Advance(_pos);
        _committed += _pos;
        _pos = 0;
        _span = _output.GetSpan(Math.Max(needed, 256));
    }
}
