using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Reads the binary wire format from a contiguous buffer. Every read is bounds-checked and malformed input
/// raises <see cref="SerializationException"/> (never an index or overflow error), because frames arrive from
/// the network. Nesting depth is limited so that hostile input cannot exhaust the stack.
/// </summary>
public ref struct Reader
{
    /// <summary>The deepest object nesting a reader accepts.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _pos;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="input"/>.</summary>
    public Reader(ReadOnlySpan<byte> input, SerializerSession? session = null)
    {
        _buffer = input;
        _pos = 0;
        _depth = 0;
        Session = session ?? SerializerSession.Default;
    }

    /// <summary>The session shared with the codecs.</summary>
    public SerializerSession Session { get; }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _buffer.Length - _pos;

    /// <summary>Whether all input has been consumed.</summary>
    public readonly bool IsEnd => _pos >= _buffer.Length;

    /// <summary>Reads a field header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Field ReadFieldHeader()
    {
        var raw = ReadVarUInt32();
        var wireType = (WireType)(raw & 7);
        return new Field(raw >> 3, wireType);
    }

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)_pos >= (uint)_buffer.Length)
        {
            ThrowEndOfInput();
        }

        return _buffer[_pos++];
    }

    /// <summary>Reads an unsigned LEB128 integer that must fit 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadVarUInt32()
    {
        if ((uint)_pos < (uint)_buffer.Length && _buffer[_pos] < 0x80)
        {
            return _buffer[_pos++];
        }

        var value = ReadVarUInt64();
        if (value > uint.MaxValue)
        {
            throw new SerializationException($"A 32-bit integer was expected at offset {_pos} but the value has more bits.");
        }

        return (uint)value;
    }

    /// <summary>Reads an unsigned LEB128 integer.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new SerializationException($"A variable-length integer at offset {_pos} is longer than ten bytes.");
    }

    /// <summary>Reads a zig-zag encoded signed integer.</summary>
    public int ReadVarInt32()
    {
        var v = ReadVarUInt32();
        return (int)(v >> 1) ^ -(int)(v & 1);
    }

    /// <summary>Reads a zig-zag encoded signed integer.</summary>
    public long ReadVarInt64()
    {
        var v = ReadVarUInt64();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>Reads four bytes, little-endian.</summary>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    /// <summary>Reads eight bytes, little-endian.</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _buffer.Length - _pos)
        {
            ThrowEndOfInput();
        }

        var result = _buffer.Slice(_pos, count);
        _pos += count;
        return result;
    }

    /// <summary>Reads a VarInt length and that many bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed()
    {
        var length = ReadVarUInt32();
        if (length > int.MaxValue)
        {
            ThrowEndOfInput();
        }

        return ReadBytes((int)length);
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadUtf8()
    {
        var bytes = ReadLengthPrefixed();
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        catch (ArgumentException e)
        {
            throw new SerializationException("A string field is not valid UTF-8.", e);
        }
    }

    /// <summary>Fails unless the wire type is the expected one.</summary>
    public readonly void Expect(WireType actual, WireType expected, string what)
    {
        if (actual != expected)
        {
            throw new SerializationException($"{what}: expected wire type {expected} but found {actual} at offset {_pos}.");
        }
    }

    /// <summary>Enters an object scope; fails past <see cref="MaxDepth"/>.</summary>
    public void EnterObject()
    {
        if (++_depth > MaxDepth)
        {
            throw new SerializationException($"Objects are nested deeper than {MaxDepth} levels.");
        }
    }

    /// <summary>Leaves an object scope.</summary>
    public void ExitObject() => _depth--;

    /// <summary>Skips the payload of a field whose header was just read.</summary>
    public void SkipField(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.VarInt:
                ReadVarUInt64();
                break;
            case WireType.Fixed32:
                ReadBytes(4);
                break;
            case WireType.Fixed64:
                ReadBytes(8);
                break;
            case WireType.LengthPrefixed:
                ReadLengthPrefixed();
                break;
            case WireType.TypedObject:
                ReadLengthPrefixed();
                SkipObjectBody();
                break;
            case WireType.StartObject:
                SkipObjectBody();
                break;
            case WireType.Null:
                break;
            default:
                throw new SerializationException($"Unexpected wire type {wireType} at offset {_pos}.");
        }
    }

    /// <summary>Skips fields up to and including the <see cref="WireType.EndObject"/> of the current object.</summary>
    public void SkipObjectBody()
    {
        EnterObject();
        while (true)
        {
            var field = ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            SkipField(field.WireType);
        }

        ExitObject();
    }

    private readonly void ThrowEndOfInput() => throw new SerializationException($"The input ended early or a length is out of range (offset {_pos} of {_buffer.Length}).");
}
