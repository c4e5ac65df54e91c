namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>How a codec stores a member's value after deserializing.</summary>
internal enum MemberWriteKind
{
    /// <summary>Passed to the constructor.</summary>
    Constructor,

    /// <summary>In the object initializer (accessible setter, init accessor or field).</summary>
    Initializer,

    /// <summary>Assigned after construction (accessible setter or field, object created without a constructor).</summary>
    Assignment,

    /// <summary>Through an <c>UnsafeAccessor</c> to the field (or the auto-property's backing field).</summary>
    FieldAccessor,

    /// <summary>Through an <c>UnsafeAccessor</c> to the property setter.</summary>
    SetterAccessor,

    /// <summary>Not stored: a computed property with no setter.</summary>
    None,
}
