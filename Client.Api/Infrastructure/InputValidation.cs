using System.Buffers;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Checks on identifiers that arrive from the outside.</summary>
public static class InputValidation
{
    private static readonly SearchValues<char> IdChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:@");

    /// <summary>Whether an id is present, short enough and made of safe characters.</summary>
    public static bool IsValidId(string? id, int maxLength) =>
        !string.IsNullOrEmpty(id) && id.Length <= maxLength && !id.AsSpan().ContainsAnyExcept(IdChars);

    /// <summary>
    /// Whether free text shown to buyers (a product name) is present, not blank, short enough, and free of control
    /// characters, bidirectional overrides and broken surrogate pairs, which could garble or disguise what is shown.
    /// </summary>
    public static bool IsDisplayText(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds an error for a field.</summary>
    public static void Add(this Dictionary<string, string[]> errors, string field, string message) => errors[field] = [message];
}
