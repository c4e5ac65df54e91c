namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A serialized field or property.</summary>
/// <param name="Name">The member name as a C# identifier.</param>
/// <param name="RawName">The member's metadata name (for accessors).</param>
/// <param name="Id">The <c>[Id]</c> value; the wire field id is <c>Id + 1</c>.</param>
/// <param name="Type">The member type, fully qualified and nullable-annotated.</param>
/// <param name="IsValueType">Whether the member type is a value type (never needs the null-forgiving operator).</param>
/// <param name="Local">The name of the local that holds the value while deserializing.</param>
/// <param name="Read">How the value is read.</param>
/// <param name="Write">How the value is stored.</param>
/// <param name="FieldName">The field (or backing field) the accessors target, or null.</param>
/// <param name="DeclaringType">The type declaring the member, fully qualified.</param>
/// <param name="DeclaringIsValueType">Whether the declaring type is a struct (accessors take it by ref).</param>
internal sealed record SerializableMemberModel(
    string Name,
    string RawName,
    uint Id,
    string Type,
    bool IsValueType,
    string Local,
    MemberReadKind Read,
    MemberWriteKind Write,
    string? FieldName,
    string DeclaringType,
    bool DeclaringIsValueType)
{
    /// <summary>The local as an argument or assigned value: <c>m0_x!</c> for reference types, whose default is null.</summary>
    public string Value => IsValueType ? Local : Local + "!";
}
