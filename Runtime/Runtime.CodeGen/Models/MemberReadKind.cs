namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>How a codec reads a member's value when serializing.</summary>
internal enum MemberReadKind
{
    /// <summary><c>value.Member</c>.</summary>
    Direct,

    /// <summary>Through an <c>UnsafeAccessor</c> to the field (or the auto-property's backing field).</summary>
    FieldAccessor,

    /// <summary>Through an <c>UnsafeAccessor</c> to the property getter.</summary>
    GetterAccessor,
}
