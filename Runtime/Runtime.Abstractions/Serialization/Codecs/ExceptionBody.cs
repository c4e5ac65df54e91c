using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// The layout of an exception: type alias or full name (field 1), message (2), stack trace (3) and inner
/// exception (4), then <see cref="WireType.EndObject"/>. Reading constructs the same type through its
/// <c>(string, Exception)</c> or <c>(string)</c> constructor, found by reflection once per type (this is the error
/// path, and only <see cref="Exception"/> subtypes are ever constructed from a wire name), or a
/// <see cref="RemoteException"/> when that is impossible. The stack trace becomes the remote stack trace.
/// </summary>
internal static class ExceptionBody
{
    private const uint TypeField = 1;
    private const uint MessageField = 2;
    private const uint StackTraceField = 3;
    private const uint InnerField = 4;

    private static readonly ConcurrentDictionary<Type, (ConstructorInvoker? Invoker, bool TakesInner)> Factories = new();
    private static readonly Func<Type, (ConstructorInvoker? Invoker, bool TakesInner)> CreateFactory = FindConstructor;

    /// <summary>Writes the fields and the closing <see cref="WireType.EndObject"/>.</summary>
    public static void Write(ref Writer writer, Exception value)
    {
        var typeName = value is RemoteException remote ? remote.OriginalTypeName : CodecRegistry.GetAlias(value.GetType());
        writer.WriteFieldHeader(TypeField, WireType.LengthPrefixed);
        writer.WriteUtf8(typeName);
        writer.WriteFieldHeader(MessageField, WireType.LengthPrefixed);
        writer.WriteUtf8(value.Message);
        if (value.StackTrace is { } stackTrace)
        {
            writer.WriteFieldHeader(StackTraceField, WireType.LengthPrefixed);
            writer.WriteUtf8(stackTrace);
        }

        if (value.InnerException is { } inner)
        {
            Codec<Exception>.Instance.WriteField(ref writer, InnerField, inner);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads the fields up to the closing <see cref="WireType.EndObject"/> and builds the exception.</summary>
    public static Exception Read(ref Reader reader)
    {
        reader.EnterObject();
        string? typeName = null;
        string? message = null;
        string? stackTrace = null;
        Exception? inner = null;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            switch (header.FieldId)
            {
                case TypeField:
                    typeName = Codec<string>.Instance.ReadValue(ref reader, header);
                    break;
                case MessageField:
                    message = Codec<string>.Instance.ReadValue(ref reader, header);
                    break;
                case StackTraceField:
                    stackTrace = Codec<string>.Instance.ReadValue(ref reader, header);
                    break;
                case InnerField:
                    inner = Codec<Exception>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        Exception? result = null;
        if (typeName is not null && CodecRegistry.TryResolveExceptionType(typeName, out var type))
        {
            result = TryCreate(type, message, inner);
        }

        result ??= new RemoteException(typeName ?? "(unknown)", message, inner);
        if (!string.IsNullOrEmpty(stackTrace))
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(result, stackTrace);
        }

        return result;
    }

    /// <summary>Constructs <paramref name="type"/> with a message and an inner exception, or returns null when it cannot.</summary>
    public static Exception? TryCreate(Type type, string? message, Exception? inner)
    {
        var (invoker, takesInner) = Factories.GetOrAdd(type, CreateFactory);
        if (invoker is null)
        {
            return null;
        }

        try
        {
            return (takesInner ? invoker.Invoke(message, inner) : invoker.Invoke(message)) as Exception;
        }
        catch (Exception)
        {
            // A constructor that validates its message (or fails otherwise) cannot rebuild this exception.
            return null;
        }
    }

    private static (ConstructorInvoker? Invoker, bool TakesInner) FindConstructor(Type type)
    {
        if (type.IsAbstract || type.ContainsGenericParameters || !typeof(Exception).IsAssignableFrom(type))
        {
            return (null, false);
        }

        // (string, Exception) first: by convention its string is the message, whereas some single-string
        // constructors take something else (ArgumentNullException's parameter name).
        if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
        {
            return (ConstructorInvoker.Create(withInner), true);
        }

        return type.GetConstructor([typeof(string)]) is { } messageOnly ? (ConstructorInvoker.Create(messageOnly), false) : (null, false);
    }
}
