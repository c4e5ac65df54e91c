using System.Globalization;
using System.Text;
using System.Text.Json;
using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Postgres.Membership;

/// <summary>
/// The jsonb form of a row's votes: <c>[{"voter":"S127.0.0.1:11111:42","at":"2026-01-01T00:00:00.0000000Z"}]</c>
/// (Orleans stores "addr,date|addr,date" in a varchar; a JSON array is queryable and needs no escaping rules).
/// </summary>
internal static class SuspectTimesJson
{
    /// <summary>The JSON text of <paramref name="votes"/>.</summary>
    public static string Write(IReadOnlyList<SuspectVote> votes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var vote in votes)
            {
                writer.WriteStartObject();
                writer.WriteString("voter", vote.Voter.ToString());
                writer.WriteString("at", UtcTime.Of(vote.At).ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The votes in <paramref name="json"/>.</summary>
    public static IReadOnlyList<SuspectVote> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var votes = new List<SuspectVote>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var voter = SiloAddress.Parse(element.GetProperty("voter").GetString() ?? throw new FormatException("A vote has no voter."));
            var at = DateTime.Parse(element.GetProperty("at").GetString() ?? throw new FormatException("A vote has no time."), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            votes.Add(new SuspectVote(voter, DateTime.SpecifyKind(at, DateTimeKind.Utc)));
        }

        return votes;
    }
}
