namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Checks on identifiers that arrive from the outside.</summary>
public static class InputValidation
{
    /// <summary>Whether an id is present, short enough and made of safe characters.</summary>
    public static bool IsValidId(string? id, int maxLength) =>
        !string.IsNullOrEmpty(id) && id.Length <= maxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@');

    /// <summary>Adds an error for a field.</summary>
    public static void Add(this Dictionary<string, string[]> errors, string field, string message) => errors[field] = [message];
}
