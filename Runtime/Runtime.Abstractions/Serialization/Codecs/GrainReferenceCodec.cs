using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of grain references (grain interfaces and <see cref="GrainReference"/> subclasses): an object with the
/// grain type (field 1), the key (field 2) and the interface alias (field 3), bound on reading to the session's
/// runtime. In a copy session the reference itself goes to the session's side table and only its index is
/// written (field 4), so references survive <see cref="Copier{T}"/> without a runtime.
/// </summary>
/// <typeparam name="T">The declared grain interface or reference type.</typeparam>
internal sealed class GrainReferenceCodec<T> : BuiltInCodec<T>
    where T : class
{
    private const uint GrainTypeField = 1;
    private const uint GrainKeyField = 2;
    private const uint InterfaceField = 3;
    private const uint CopyIndexField = 4;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, T value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        if (value is not GrainReference reference)
        {
            throw new SerializationException($"A '{value.GetType().FullName}' was given where the grain reference '{typeof(T).FullName}' is declared: pass references from IGrainFactory, not grain objects.");
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        var session = writer.Session;
        if (session.IsCopyMode)
        {
            writer.WriteFieldHeader(CopyIndexField, WireType.VarInt);
            writer.WriteVarUInt32((uint)session.AddCopiedReference(reference));
        }
        else
        {
            var grainId = reference.GrainId;
            if (grainId.IsDefault)
            {
                throw new SerializationException($"The grain reference '{reference}' has no grain id.");
            }

            writer.WriteFieldHeader(GrainTypeField, WireType.LengthPrefixed);
            writer.WriteUtf8(grainId.Type);
            writer.WriteFieldHeader(GrainKeyField, WireType.LengthPrefixed);
            writer.WriteUtf8(grainId.Key);
            writer.WriteFieldHeader(InterfaceField, WireType.LengthPrefixed);
            writer.WriteUtf8(CodecRegistry.GetAlias(reference.InterfaceType));
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override T ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<T>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "grain reference");
        reader.EnterObject();
        string? grainType = null;
        string? key = null;
        string? interfaceAlias = null;
        long copyIndex = -1;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            switch (header.FieldId)
            {
                case GrainTypeField:
                    reader.Expect(header.WireType, WireType.LengthPrefixed, "grain type");
                    grainType = reader.ReadUtf8();
                    break;
                case GrainKeyField:
                    reader.Expect(header.WireType, WireType.LengthPrefixed, "grain key");
                    key = reader.ReadUtf8();
                    break;
                case InterfaceField:
                    reader.Expect(header.WireType, WireType.LengthPrefixed, "grain interface");
                    interfaceAlias = reader.ReadUtf8();
                    break;
                case CopyIndexField:
                    reader.Expect(header.WireType, WireType.VarInt, "grain reference index");
                    copyIndex = reader.ReadVarUInt32();
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        var result = copyIndex >= 0
            ? reader.Session.GetCopiedReference((int)Math.Min(copyIndex, int.MaxValue))
            : Bind(reader.Session, grainType, key, interfaceAlias);
        if (result is not T typed)
        {
            CodecErrors.WrongType(typeof(T), result);
            return null!;
        }

        return typed;
    }

    private static GrainReference Bind(SerializerSession session, string? grainType, string? key, string? interfaceAlias)
    {
        if (string.IsNullOrEmpty(grainType) || key is null || interfaceAlias is null)
        {
            throw new SerializationException("A grain reference lacks its grain type, key or interface.");
        }

        var runtime = session.Runtime
            ?? throw new SerializationException($"Cannot deserialize the grain reference '{grainType}/{key}': the serializer session has no runtime. Deserialize through a SerializerSession created with the silo's or client's IGrainReferenceRuntime.");
        var interfaceType = CodecRegistry.ResolveAlias(interfaceAlias);
        if (!interfaceType.IsInterface || !typeof(IAddressable).IsAssignableFrom(interfaceType))
        {
            throw new SerializationException($"The grain reference '{grainType}/{key}' names '{interfaceAlias}', which is not a grain interface.");
        }

        return runtime.CreateReference(new GrainId(grainType, key), interfaceType);
    }
}
