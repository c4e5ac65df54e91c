namespace FlashSale.Client.Api.Tests;

/// <summary>One malformed request of <see cref="MalformedRequests"/>; <see cref="Authenticated"/> sends it to the gateway that requires buyer tokens.</summary>
public sealed record FuzzRequest(
    string Kind,
    HttpMethod Method,
    string Path,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool Authenticated)
{
    public override string ToString() =>
        $"{Kind}: {Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)} [{ContentType}] {string.Join(", ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "…" : h.Value)}"))} " +
        $"body={(Body is null ? "none" : Body.Length > 160 ? $"{Body.Length} bytes" : System.Text.Encoding.UTF8.GetString(Body))}";
}
