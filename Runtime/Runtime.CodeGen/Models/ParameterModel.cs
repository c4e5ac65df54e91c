namespace FlashSale.Runtime.CodeGen.Models;

/// <summary>A grain method parameter.</summary>
/// <param name="Name">The parameter name as a C# identifier (escaped with @ when it is a keyword).</param>
/// <param name="Type">The fully qualified, nullable-annotated type.</param>
/// <param name="IsCancellationToken">Whether it is the method's cancellation token (not an argument).</param>
/// <param name="NeedsCopy">Whether the argument is not known immutable at compile time, so is deep-copied.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsCancellationToken, bool NeedsCopy);
