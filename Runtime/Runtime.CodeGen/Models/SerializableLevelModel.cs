namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>One level of a serializable type's hierarchy: the type itself (level 0) or a base class.</summary>
/// <param name="Type">The type of this level, fully qualified.</param>
/// <param name="Members">Its serialized members, by id.</param>
internal sealed record SerializableLevelModel(string Type, EquatableArray<SerializableMemberModel> Members);
