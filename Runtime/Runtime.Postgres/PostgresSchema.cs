using System.Text.RegularExpressions;

namespace FlashSale.Runtime.Postgres;

/// <summary>
/// The schema the providers' tables live in, and the checked-in scripts that create them. The schema name is the
/// only text ever spliced into SQL: it is validated as a plain identifier and always double-quoted; every value
/// goes through parameters.
/// </summary>
public static partial class PostgresSchema
{
    /// <summary>The embedded scripts, applied in this order.</summary>
    public static readonly IReadOnlyList<string> Scripts = ["001-membership.sql", "002-grain-storage.sql", "003-reminders.sql"];

    private const string ResourcePrefix = "FlashSale.Runtime.Postgres.Schema.";

    /// <summary>Whether <paramref name="name"/> is a plain identifier: letters, digits and '_', at most 63 characters, not starting with a digit.</summary>
    public static bool IsValidName(string? name) => name is not null && IdentifierRegex().IsMatch(name);

    /// <summary>The double-quoted form of a validated schema name.</summary>
    public static string Quote(string name) =>
        IsValidName(name) ? $"\"{name}\"" : throw new ArgumentException($"'{name}' is not a valid schema name (letters, digits and '_', at most 63 characters, not starting with a digit).", nameof(name));

    /// <summary>The text of all scripts for schema <paramref name="name"/>, preceded by the schema's creation.</summary>
    public static string CreationScript(string name)
    {
        var quoted = Quote(name);
        var parts = new List<string> { $"CREATE SCHEMA IF NOT EXISTS {quoted};" };
        foreach (var script in Scripts)
        {
            parts.Add(ReadScript(script).Replace("{schema}", quoted, StringComparison.Ordinal));
        }

        return string.Join("\n", parts);
    }

    /// <summary>The text of one embedded script, with its "{schema}" placeholders.</summary>
    public static string ReadScript(string fileName)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The schema script {fileName} is not embedded in {typeof(PostgresSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
