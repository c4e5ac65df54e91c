using System.Collections.Generic;
using System.Linq;
using FlashSale.Runtime.CodeGen.Analysis;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>
/// Emits the codec of a <c>[GenerateSerializer]</c> type: <c>IFieldCodec&lt;T&gt;</c> and <c>IObjectCodec</c>,
/// base classes' members in nested field-0 scopes, creation by constructor / initializer / <c>UnsafeAccessor</c>.
/// </summary>
internal static class CodecEmitter
{
    private const string UnsafeAccessor = "[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.";

    public static string Emit(SerializableTypeModel model, string assemblyName)
    {
        var t = model.FullName;
        var writer = new CodeWriter().FileHeader();
        writer.Line("namespace " + GeneratedNames.AssemblyNamespace(assemblyName) + ";");
        writer.Line();
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line("internal sealed class " + model.CodecType + " : " + GeneratedNames.IFieldCodec + "<" + t + ">, " + GeneratedNames.IObjectCodec);
        foreach (var typeParameter in model.TypeParameters.Where(p => p.Constraints.Length > 0))
        {
            writer.Line("    " + typeParameter.Constraints);
        }

        writer.Open();
        writer.Line("public global::System.Type Type => typeof(" + t + ");");
        writer.Line();

        writer.Open("public void WriteField(ref " + GeneratedNames.Writer + " writer, uint fieldId, " + t + " value)");
        if (!model.IsValueType)
        {
            writer.Line("if (value is null) { writer.WriteNull(fieldId); return; }");
        }

        if (!model.IsSealed)
        {
            writer.Line("if (value.GetType() != typeof(" + t + ")) { " + GeneratedNames.PolymorphicCodec + ".WriteTyped(ref writer, fieldId, value); return; }");
        }

        writer.Line("writer.WriteFieldHeader(fieldId, " + GeneratedNames.WireType + ".StartObject);");
        writer.Line("WriteBodyCore(ref writer, value);");
        writer.Close();
        writer.Line();

        writer.Open("public " + t + " ReadValue(ref " + GeneratedNames.Reader + " reader, " + GeneratedNames.Field + " field)");
        if (!model.IsValueType)
        {
            writer.Line("if (field.WireType == " + GeneratedNames.WireType + ".Null) return null!;");
        }

        if (!model.IsSealed)
        {
            writer.Line("if (field.WireType == " + GeneratedNames.WireType + ".TypedObject) return (" + t + ")" + GeneratedNames.PolymorphicCodec + ".ReadTyped(ref reader)!;");
        }

        writer.Line("reader.Expect(field.WireType, " + GeneratedNames.WireType + ".StartObject, " + SymbolNames.Literal(model.MetadataName) + ");");
        writer.Line("return ReadBodyCore(ref reader);");
        writer.Close();
        writer.Line();

        writer.Line("public void WriteBody(ref " + GeneratedNames.Writer + " writer, object value) => WriteBodyCore(ref writer, (" + t + ")value);");
        writer.Line();
        writer.Line("public object ReadBody(ref " + GeneratedNames.Reader + " reader) => ReadBodyCore(ref reader);");
        writer.Line();

        EmitWriteBody(writer, model);
        writer.Line();
        EmitReadBody(writer, model);
        EmitAccessors(writer, model);
        writer.Close();
        return writer.ToString();
    }

    private static void EmitWriteBody(CodeWriter writer, SerializableTypeModel model)
    {
        writer.Open("private static void WriteBodyCore(ref " + GeneratedNames.Writer + " writer, " + model.FullName + " value)");
        EmitWriteLevel(writer, model, 0);
        writer.Line("writer.WriteEndObject();");
        writer.Close();
    }

    private static void EmitWriteLevel(CodeWriter writer, SerializableTypeModel model, int level)
    {
        if (level + 1 < model.Levels.Count)
        {
            writer.Line("writer.WriteFieldHeader(0u, " + GeneratedNames.WireType + ".StartObject);");
            EmitWriteLevel(writer, model, level + 1);
            writer.Line("writer.WriteEndObject();");
        }

        foreach (var member in model.Levels[level].Members)
        {
            writer.Line(GeneratedNames.Codec + "<" + member.Type + ">.Instance.WriteField(ref writer, " + (member.Id + 1) + "u, " + ReadExpression(member, level) + ");");
        }
    }

    private static string ReadExpression(SerializableMemberModel member, int level)
    {
        var target = member.DeclaringIsValueType ? "ref value" : "value";
        return member.Read switch
        {
            MemberReadKind.FieldAccessor => FieldAccessorName(member, level) + "(" + target + ")",
            MemberReadKind.GetterAccessor => "Get_" + level + "_" + SymbolNames.MangleIdentifier(member.RawName) + "(" + target + ")",
            _ => "value." + member.Name,
        };
    }

    private static void EmitReadBody(CodeWriter writer, SerializableTypeModel model)
    {
        var t = model.FullName;
        writer.Open("private static " + t + " ReadBodyCore(ref " + GeneratedNames.Reader + " reader)");
        if (model.Construction == ConstructionKind.Abstract)
        {
            writer.Line("throw new " + GeneratedNames.SerializationException + "(" + SymbolNames.Literal("'" + model.MetadataName + "' is abstract: only values of derived types can be read.") + ");");
            writer.Close();
            return;
        }

        writer.Line("reader.EnterObject();");
        foreach (var member in AllMembers(model).Where(m => m.Write != MemberWriteKind.None))
        {
            writer.Line(member.Type + " " + member.Local + (member.IsValueType ? " = default;" : " = default!;"));
        }

        EmitReadLevel(writer, model, 0);
        EmitConstruction(writer, model);
        writer.Line("return result;");
        writer.Close();
    }

    /// <summary>Reads the fields of one scope; the reader has just entered it.</summary>
    private static void EmitReadLevel(CodeWriter writer, SerializableTypeModel model, int level)
    {
        var field = level == 0 ? "field" : "field" + level;
        writer.Open("while (true)");
        writer.Line("var " + field + " = reader.ReadFieldHeader();");
        writer.Line("if (" + field + ".IsEndObject) break;");
        writer.Open("switch (" + field + ".FieldId)");
        if (level + 1 < model.Levels.Count)
        {
            writer.Line("case 0u when " + field + ".WireType == " + GeneratedNames.WireType + ".StartObject:");
            writer.Open();
            writer.Line("reader.EnterObject();");
            EmitReadLevel(writer, model, level + 1);
            writer.Line("break;");
            writer.Close();
        }

        foreach (var member in model.Levels[level].Members)
        {
            var read = GeneratedNames.Codec + "<" + member.Type + ">.Instance.ReadValue(ref reader, " + field + ")";
            var target = member.Write == MemberWriteKind.None ? "_" : member.Local;
            writer.Line("case " + (member.Id + 1) + "u: " + target + " = " + read + "; break;");
        }

        writer.Line("default: reader.SkipField(" + field + ".WireType); break;");
        writer.Close();
        writer.Close();
        writer.Line("reader.ExitObject();");
    }

    private static void EmitConstruction(CodeWriter writer, SerializableTypeModel model)
    {
        var t = model.FullName;
        var members = AllMembers(model).ToList();
        switch (model.Construction)
        {
            case ConstructionKind.Constructor:
                var initializers = members.Where(m => m.Write == MemberWriteKind.Initializer).ToList();
                var creation = "new " + t + "(" + string.Join(", ", model.ConstructorArguments) + ")";
                if (initializers.Count == 0)
                {
                    writer.Line("var result = " + creation + ";");
                }
                else
                {
                    writer.Line("var result = " + creation);
                    writer.Open();
                    foreach (var member in initializers)
                    {
                        writer.Line(member.Name + " = " + member.Value + ",");
                    }

                    writer.Close(";");
                }

                break;
            case ConstructionKind.Uninitialized:
                writer.Line("var result = (" + t + ")global::System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(" + t + "));");
                break;
            default:
                writer.Line("var result = default(" + t + ");");
                break;
        }

        for (var level = 0; level < model.Levels.Count; level++)
        {
            foreach (var member in model.Levels[level].Members)
            {
                var target = member.DeclaringIsValueType ? "ref result" : "result";
                switch (member.Write)
                {
                    case MemberWriteKind.Assignment:
                        writer.Line("result." + member.Name + " = " + member.Value + ";");
                        break;
                    case MemberWriteKind.FieldAccessor:
                        writer.Line(FieldAccessorName(member, level) + "(" + target + ") = " + member.Value + ";");
                        break;
                    case MemberWriteKind.SetterAccessor:
                        writer.Line("Set_" + level + "_" + SymbolNames.MangleIdentifier(member.RawName) + "(" + target + ", " + member.Value + ");");
                        break;
                }
            }
        }
    }

    private static void EmitAccessors(CodeWriter writer, SerializableTypeModel model)
    {
        for (var level = 0; level < model.Levels.Count; level++)
        {
            foreach (var member in model.Levels[level].Members)
            {
                var owner = (member.DeclaringIsValueType ? "ref " : string.Empty) + member.DeclaringType + " obj";
                var suffix = level + "_" + SymbolNames.MangleIdentifier(member.RawName);
                var abstractRead = model.Construction == ConstructionKind.Abstract;
                if (member.Read == MemberReadKind.FieldAccessor || (!abstractRead && member.Write == MemberWriteKind.FieldAccessor))
                {
                    writer.Line();
                    writer.Line(UnsafeAccessor + "Field, Name = " + SymbolNames.Literal(member.FieldName) + ")]");
                    writer.Line("private static extern ref " + member.Type + " " + FieldAccessorName(member, level) + "(" + owner + ");");
                }

                if (member.Read == MemberReadKind.GetterAccessor)
                {
                    writer.Line();
                    writer.Line(UnsafeAccessor + "Method, Name = " + SymbolNames.Literal("get_" + member.RawName) + ")]");
                    writer.Line("private static extern " + member.Type + " Get_" + suffix + "(" + owner + ");");
                }

                if (!abstractRead && member.Write == MemberWriteKind.SetterAccessor)
                {
                    writer.Line();
                    writer.Line(UnsafeAccessor + "Method, Name = " + SymbolNames.Literal("set_" + member.RawName) + ")]");
                    writer.Line("private static extern void Set_" + suffix + "(" + owner + ", " + member.Type + " value);");
                }
            }
        }
    }

    private static string FieldAccessorName(SerializableMemberModel member, int level) => "Field_" + level + "_" + SymbolNames.MangleIdentifier(member.RawName);

    private static IEnumerable<SerializableMemberModel> AllMembers(SerializableTypeModel model) => model.Levels.SelectMany(l => l.Members);
}
