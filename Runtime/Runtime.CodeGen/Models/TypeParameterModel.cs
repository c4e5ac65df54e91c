namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A type parameter of a generic grain method.</summary>
/// <param name="Name">The type parameter name.</param>
/// <param name="Constraints">Its full constraint clause (<c>where T : ...</c>) for the request class, or empty.</param>
/// <param name="ExplicitImplementationConstraint">The clause an explicit implementation needs (<c>class</c>, <c>struct</c> or <c>default</c>, only when <c>T?</c> appears), or empty.</param>
internal sealed record TypeParameterModel(string Name, string Constraints, string ExplicitImplementationConstraint);
