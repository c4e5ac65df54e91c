using System.Diagnostics.CodeAnalysis;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Throw helpers kept out of line so that the codecs' hot paths stay small enough to inline.</summary>
internal static class CodecErrors
{
    /// <summary>A decoded number does not fit the declared type.</summary>
    [DoesNotReturn]
    public static void OutOfRange(string type, ulong value) =>
        throw new SerializationException($"The value {value} read for a field of type {type} is out of range.");

    /// <summary>A decoded signed number does not fit the declared type.</summary>
    [DoesNotReturn]
    public static void OutOfRange(string type, long value) =>
        throw new SerializationException($"The value {value} read for a field of type {type} is out of range.");

    /// <summary>A fixed-size payload has the wrong length.</summary>
    [DoesNotReturn]
    public static void BadLength(string type, int length) =>
        throw new SerializationException($"A {type} field has a payload of {length} bytes, which is not a valid length.");

    /// <summary>A payload does not decode to a valid value.</summary>
    [DoesNotReturn]
    public static void Invalid(string type, Exception? inner = null) =>
        throw (inner is null
            ? new SerializationException($"A {type} field does not hold a valid value.")
            : new SerializationException($"A {type} field does not hold a valid value.", inner));

    /// <summary>A polymorphic value has a type that the declared type does not accept.</summary>
    [DoesNotReturn]
    public static void WrongType(Type declared, object? actual) =>
        throw new SerializationException($"A value of type '{actual?.GetType().FullName ?? "null"}' was read where '{declared.FullName}' is declared.");
}
