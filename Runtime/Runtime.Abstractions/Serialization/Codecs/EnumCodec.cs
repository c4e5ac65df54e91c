using System.Runtime.CompilerServices;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of an enum: its underlying value as a VarInt (zig-zag when the underlying type is signed). Values the
/// reader does not define are kept, as the enum type itself allows. Size and signedness are static readonly so
/// the JIT folds the branches to the single conversion that applies: no boxing, no <see cref="Convert"/>.
/// </summary>
/// <typeparam name="T">The enum type.</typeparam>
internal sealed class EnumCodec<T> : BuiltInCodec<T>
    where T : struct, Enum
{
    private static readonly int Size = Unsafe.SizeOf<T>();
    private static readonly bool Signed = IsSigned(Enum.GetUnderlyingType(typeof(T)));

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, T value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        if (Signed)
        {
            writer.WriteVarInt64(ToInt64(value));
        }
        else
        {
            writer.WriteVarUInt64(ToUInt64(value));
        }
    }

    /// <inheritdoc />
    public override T ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, typeof(T).Name);
        if (Signed)
        {
            var raw = reader.ReadVarInt64();
            var fits = Size switch
            {
                1 => raw is >= sbyte.MinValue and <= sbyte.MaxValue,
                2 => raw is >= short.MinValue and <= short.MaxValue,
                4 => raw is >= int.MinValue and <= int.MaxValue,
                _ => true,
            };
            if (!fits)
            {
                CodecErrors.OutOfRange(typeof(T).Name, raw);
            }

            return FromInt64(raw);
        }
        else
        {
            var raw = reader.ReadVarUInt64();
            var fits = Size switch
            {
                1 => raw <= byte.MaxValue,
                2 => raw <= ushort.MaxValue,
                4 => raw <= uint.MaxValue,
                _ => true,
            };
            if (!fits)
            {
                CodecErrors.OutOfRange(typeof(T).Name, raw);
            }

            return FromUInt64(raw);
        }
    }

    private static bool IsSigned(Type underlying) =>
        underlying == typeof(sbyte) || underlying == typeof(short) || underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(nint);

    private static long ToInt64(T value) => Size switch
    {
        1 => Unsafe.As<T, sbyte>(ref value),
        2 => Unsafe.As<T, short>(ref value),
        4 => Unsafe.As<T, int>(ref value),
        _ => Unsafe.As<T, long>(ref value),
    };

    private static ulong ToUInt64(T value) => Size switch
    {
        1 => Unsafe.As<T, byte>(ref value),
        2 => Unsafe.As<T, ushort>(ref value),
        4 => Unsafe.As<T, uint>(ref value),
        _ => Unsafe.As<T, ulong>(ref value),
    };

    private static T FromInt64(long raw)
    {
        switch (Size)
        {
            case 1:
                var b = (sbyte)raw;
                return Unsafe.As<sbyte, T>(ref b);
            case 2:
                var s = (short)raw;
                return Unsafe.As<short, T>(ref s);
            case 4:
                var i = (int)raw;
                return Unsafe.As<int, T>(ref i);
            default:
                return Unsafe.As<long, T>(ref raw);
        }
    }

    private static T FromUInt64(ulong raw)
    {
        switch (Size)
        {
            case 1:
                var b = (byte)raw;
                return Unsafe.As<byte, T>(ref b);
            case 2:
                var s = (ushort)raw;
                return Unsafe.As<ushort, T>(ref s);
            case 4:
                var i = (uint)raw;
                return Unsafe.As<uint, T>(ref i);
            default:
                return Unsafe.As<ulong, T>(ref raw);
        }
    }
}
