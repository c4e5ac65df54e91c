using System.Globalization;
using System.Text;

namespace FlashSale.Client.Api.Tests;

/// <summary>
/// A seeded, deterministic stream of requests that must all be refused: malformed bodies, paths, content types
/// and headers against purchase, reservation, order payment and <c>POST /admin/skus</c>. Every request is invalid by
/// construction (at least one thing in it must be refused), so a request that is served shows a hole.
/// </summary>
public sealed class MalformedRequests(int seed, string sku, string adminKey, Func<string, string> rejectedToken)
{
    private static readonly string[] BadIds =
    [
        "null", "\"\"", "123", "-1", "true", "[]", "{}", "[\"a\"]", "\"a b\"", "\"<script>alert(1)</script>\"", "\"\\u0000\"", "\"a\\nb\"",
        "\"\\u007f\"", "\"\\u202eevil\"", "\"\\u00e9t\\u00e9\"", "\"../etc/passwd\"", "\"a%00b\"", "\"a\\tb\"", "\"\\ud800\"", "\"a;DROP TABLE orders\"",
    ];

    private static readonly string[] BadQuantities =
    [
        "0", "-1", "3", "2147483648", "-2147483649", "99999999999999999999999", "1e400", "1.5", "1e2", "\"1\"", "null", "true", "[1]", "{}",
        "NaN", "Infinity", "01", "0x1", "+1", "1 1",
    ];

    private static readonly string[] BadContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html",
        "application/octet-stream", "application/jsonx", "image/png",
    ];

    private static readonly string[] BadAccepts = ["text/html", "application/xml", "*/*;q=0", "garbage", "application/json;q=0", "text/plain, image/*"];

    private static readonly string[] BadPathSkus =
    [
        "%00", "a%00b", "a%0Ab", "%7F", "a%20b", "%C3%A9", "%E2%80%AE", "a%2Fb", "a%5Cb", "%25", "a'b", "a%22b", "%3Cscript%3E", "a*", "~", "%FF",
    ];

    private static readonly Dictionary<string, string[]> BadCampaignValues = new(StringComparer.Ordinal)
    {
        ["sku"] = ["\"\"", "\"bad sku\"", "\"a\\u0000\"", "123", "null", "[]", "\"" + new string('s', 65) + "\""],
        ["name"] = ["\"\"", "\"   \"", "\"" + new string('n', 201) + "\"", "\"a\\u0000b\"", "\"a\\nb\"", "\"\\u001b[31mred\"", "\"\\u0007\"", "\"\\u202eevil\"", "\"\\ud800x\"", "\"tab\\there\"", "null", "42", "{}"],
        ["price"] = ["-0.01", "1000000000.01", "1e400", "\"99.5\"", "null", "true", "[]", "NaN"],
        ["stock"] = ["-1", "100000001", "2147483648", "1.5", "\"10\"", "null", "true", "1e3"],
        ["perUserLimit"] = ["0", "-5", "2147483648", "\"2\"", "null", "2.5"],
        ["startsAt"] = ["\"2024-02-30T00:00:00Z\"", "\"not a date\"", "12345", "\"\"", "null", "\"0001-01-01T00:00:00+14:00\"", "\"10000-01-01T00:00:00Z\"", "\"2024-01-01T25:00:00Z\"", "true"],
        ["endsAt"] = ["\"2000-01-01T00:00:00Z\"", "\"tomorrow\"", "-1", "null", "\"9999-12-31T23:59:59-14:00\"", "[]"],
        ["shards"] = ["0", "257", "-1", "\"4\"", "4.5", "2147483648"],
        ["writeMode"] = ["\"bogus\"", "\"1\"", "\"0\"", "\"Durable,Fast\"", "\"\"", "1", "\" fast\"", "[]"],
    };

    private readonly Random _random = new(seed);

    /// <summary>The next malformed request.</summary>
    public FuzzRequest Next() => _random.Next(8) switch
    {
        0 or 1 => BadPurchaseOrReservationBody(),
        2 or 3 => BadCampaign(),
        4 => BadPath(),
        5 => BadContentType(),
        6 => BadBuyerToken(),
        _ => BadOrderId(),
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string RequestId() => "fuzz-" + _random.Next().ToString("x", CultureInfo.InvariantCulture);

    private List<KeyValuePair<string, string>> SomeAccept() =>
        _random.Next(3) == 0 ? [new("Accept", Pick(BadAccepts))] : [];

    private FuzzRequest BadPurchaseOrReservationBody()
    {
        var purchase = _random.Next(3) > 0;
        var fields = purchase
            ? new List<KeyValuePair<string, string>> { new("userId", "\"fuzz-user\""), new("quantity", "1"), new("requestId", $"\"{RequestId()}\"") }
            : [new("userId", "\"fuzz-user\"")];
        var (kind, body) = _random.Next(3) == 0 ? Structural(fields, "userId") : FieldValue(fields, purchase);
        return new FuzzRequest(kind, HttpMethod.Post, purchase ? $"/api/skus/{sku}/purchase" : $"/api/skus/{sku}/reservations", body, "application/json", SomeAccept(), Authenticated: false);
    }

    private (string Kind, byte[] Body) FieldValue(List<KeyValuePair<string, string>> fields, bool purchase)
    {
        var index = purchase ? _random.Next(fields.Count) : 0;
        var name = fields[index].Key;
        var value = name == "quantity" ? Pick(BadQuantities) : _random.Next(4) switch
        {
            0 => "\"" + new string('x', _random.Next(65, 7000)) + "\"",

            // Escaped, so the JSON is valid and only the id is bad (a raw control character would be a JSON error).
            1 => $"\"id\\u{_random.Next(0, 32):x4}x\"",
            _ => Pick(BadIds),
        };

        fields[index] = new(name, value);
        return ($"{name}={Shorten(value)}", Encoding.UTF8.GetBytes(Render(fields)));
    }

    private (string Kind, byte[] Body) Structural(List<KeyValuePair<string, string>> fields, string idField)
    {
        var json = Render(fields);
        switch (_random.Next(12))
        {
            case 0:
                return ("truncated", Encoding.UTF8.GetBytes(json[.._random.Next(0, json.Length - 1)]));
            case 1:
                fields.Add(new(idField, "\"someone-else\""));
                return ("duplicate field", Encoding.UTF8.GetBytes(Render(fields)));
            case 2:
                fields.Insert(_random.Next(fields.Count + 1), new(Pick<string>(["isAdmin", "role", "price", "UserID", "__proto__", ""]), Pick<string>(["true", "1", "\"x\"", "null"])));
                return ("unknown field", Encoding.UTF8.GetBytes(Render(fields)));
            case 3:
                var depth = _random.Next(9, 300);
                fields[0] = new(fields[0].Key, new string('[', depth) + new string(']', depth));
                return ($"nesting {depth}", Encoding.UTF8.GetBytes(Render(fields)));
            case 4:
                return ("top level", Encoding.UTF8.GetBytes(Pick<string>(["[]", "123", "\"text\"", "null", "true", "[" + json + "]", "{}", " "])));
            case 5:
                var garbage = new byte[_random.Next(1, 300)];
                _random.NextBytes(garbage);
                return ("random bytes", garbage);
            case 6:
                var bytes = Encoding.UTF8.GetBytes(json).ToList();
                bytes.InsertRange(json.IndexOf(':', StringComparison.Ordinal) + 2, Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF]]));
                return ("invalid UTF-8", [.. bytes]);
            case 7:
                return ("comment", Encoding.UTF8.GetBytes(json.Insert(1, "/* hi */")));
            case 8:
                return ("trailing comma", Encoding.UTF8.GetBytes(json.Insert(json.Length - 1, ",")));
            case 9:
                return ("single quotes", Encoding.UTF8.GetBytes(json.Replace('"', '\'')));
            case 10:
                fields.Add(new("pad", "\"" + new string('p', _random.Next(9000, 40_000)) + "\""));
                return ("oversized", Encoding.UTF8.GetBytes(Render(fields)));
            default:
                fields.RemoveAt(_random.Next(fields.Count));
                fields.Add(new(idField, "\"" + new string('y', 65) + "\""));
                return ("missing field", Encoding.UTF8.GetBytes(Render(fields)));
        }
    }

    private List<KeyValuePair<string, string>> Campaign() =>
    [
        new("sku", $"\"{sku}\""),
        new("name", "\"Fuzzed\""),
        new("price", "1.5"),
        new("stock", "10"),
        new("perUserLimit", "2"),
        new("startsAt", $"\"{DateTimeOffset.UtcNow.AddHours(-1):O}\""),
        new("endsAt", $"\"{DateTimeOffset.UtcNow.AddHours(1):O}\""),
        new("shards", "4"),
    ];

    private FuzzRequest BadCampaign()
    {
        var fields = Campaign();
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", $"Bearer {adminKey}") };
        string kind;
        byte[] body;
        if (_random.Next(6) == 0)
        {
            // A valid campaign that must still be refused: the admin key is missing or wrong.
            headers = _random.Next(2) == 0 ? [] : [new("Authorization", Pick<string>(["Bearer wrong", $"Basic {adminKey}", "Bearer", $"bearer {adminKey}x", rejectedToken("alice")]))];
            (kind, body) = ("admin credentials", Encoding.UTF8.GetBytes(Render(fields)));
        }
        else if (_random.Next(3) == 0)
        {
            (kind, body) = Structural(fields, "stock");
        }
        else
        {
            var name = Pick(BadCampaignValues.Keys.ToList());
            var value = Pick(BadCampaignValues[name]);
            var index = fields.FindIndex(f => f.Key == name);
            if (index < 0)
            {
                fields.Add(new(name, value));
            }
            else
            {
                fields[index] = new(name, value);
            }

            (kind, body) = ($"{name}={Shorten(value)}", Encoding.UTF8.GetBytes(Render(fields)));
        }

        headers.AddRange(SomeAccept());
        return new FuzzRequest("admin " + kind, HttpMethod.Post, "/admin/skus", body, "application/json", headers, Authenticated: false);
    }

    private FuzzRequest BadPath()
    {
        var bad = _random.Next(3) switch
        {
            0 => new string('k', _random.Next(65, _random.Next(2) == 0 ? 2000 : 12_000)),
            1 => sku + Pick(BadPathSkus),
            _ => Pick(BadPathSkus),
        };
        var body = $$"""{"userId":"fuzz-user","quantity":1,"requestId":"{{RequestId()}}"}""";
        var path = _random.Next(2) == 0 ? $"/api/skus/{bad}/purchase" : $"/api/skus/{bad}/reservations";
        return new FuzzRequest("path", HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), "application/json", SomeAccept(), Authenticated: false);
    }

    private FuzzRequest BadContentType()
    {
        // The body is valid; only its declared type is wrong (or absent), which must be refused before it is read.
        var (path, body) = _random.Next(3) switch
        {
            0 => ($"/api/skus/{sku}/purchase", $$"""{"userId":"fuzz-user","quantity":1,"requestId":"{{RequestId()}}"}"""),
            1 => ($"/api/skus/{sku}/reservations", """{"userId":"fuzz-user"}"""),
            _ => ("/admin/skus", Render(Campaign())),
        };
        var headers = path == "/admin/skus" ? new List<KeyValuePair<string, string>> { new("Authorization", $"Bearer {adminKey}") } : [];
        var contentType = _random.Next(5) == 0 ? null : Pick(BadContentTypes);
        return new FuzzRequest("content type", HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), contentType, headers, Authenticated: false);
    }

    private FuzzRequest BadBuyerToken()
    {
        var token = _random.Next(6) switch
        {
            0 => "Bearer " + rejectedToken(Pick<string>(["alice", "bob", "fuzz-user"])),
            1 => "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes(RequestId())) + "." + RequestId() + "." + RequestId(),
            2 => Pick<string>(["Bearer", "Bearer ", "Basic YWxpY2U6cGFzcw==", "Token abc", "Bearer a.b", "Bearer ...", $"Bearer {adminKey}", "Bearer \u00e9"]),
            3 => "Bearer " + new string('e', _random.Next(100, 20_000)),
            4 => "bearer " + rejectedToken("alice"),
            _ => "Bearer eyJhbGciOiJub25lIn0." + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"alice\"}")).TrimEnd('=') + ".",
        };
        var (path, body) = _random.Next(3) switch
        {
            0 => ($"/api/skus/{sku}/purchase", $$"""{"quantity":1,"requestId":"{{RequestId()}}"}"""),
            1 => ($"/api/skus/{sku}/reservations", "{}"),
            _ => ("/api/orders/order-1/pay", (string?)null),
        };
        return new FuzzRequest("buyer token", HttpMethod.Post, path, body is null ? null : Encoding.UTF8.GetBytes(body), body is null ? null : "application/json", [new("Authorization", token)], Authenticated: true);
    }

    private FuzzRequest BadOrderId()
    {
        var id = _random.Next(3) switch
        {
            0 => new string('o', _random.Next(257, 3000)),
            1 => Pick(BadPathSkus),
            _ => Uri.EscapeDataString(new string([.. Enumerable.Range(0, _random.Next(1, 20)).Select(_ => (char)_random.Next(1, 0x3000))])),
        };
        var method = _random.Next(3) == 0 ? HttpMethod.Get : HttpMethod.Post;
        return new FuzzRequest("order id", method, method == HttpMethod.Get ? $"/api/orders/{id}" : $"/api/orders/{id}/pay", null, null, SomeAccept(), Authenticated: false);
    }

    private static string Render(IEnumerable<KeyValuePair<string, string>> fields) => "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

    private static string Shorten(string value) => value.Length > 40 ? $"{value[..20]}…({value.Length})" : value;
}
