namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>One line of the assembly's provider.</summary>
/// <param name="Kind">What is registered.</param>
/// <param name="Type">The registered type (interface, request class, serializable type or grain class), fully qualified.</param>
/// <param name="Implementation">The generated class (proxy, codec or metadata helper), fully qualified, or null.</param>
/// <param name="Alias">The wire alias (requests and codecs), or null.</param>
internal sealed record Registration(RegistrationKind Kind, string Type, string? Implementation, string? Alias);
