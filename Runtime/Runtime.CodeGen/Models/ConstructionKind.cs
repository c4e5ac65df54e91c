namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>How a codec creates the instance it deserializes.</summary>
internal enum ConstructionKind
{
    /// <summary><c>new T(args) { initializers }</c>.</summary>
    Constructor,

    /// <summary><c>RuntimeHelpers.GetUninitializedObject</c> (classes) and assignments.</summary>
    Uninitialized,

    /// <summary><c>default(T)</c> (structs without an accessible parameterless constructor) and assignments.</summary>
    Default,

    /// <summary>An abstract class: never created from its own codec.</summary>
    Abstract,
}
