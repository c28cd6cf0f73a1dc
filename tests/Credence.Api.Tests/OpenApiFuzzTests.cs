using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Credence.Api.Tests;

/// <summary>
/// Every 5xx is a bug. Reads the server's own OpenAPI document, and sends every operation in it
/// malformed path and query values and malformed bodies in every declared and some undeclared
/// content types, with the key of the role the operation is for, with no key and with a forged
/// key. Any answer of 500 or above fails the test, listing each request that got one.
/// </summary>
/// <remarks>
/// Implementation note: the inputs are a fixed list (no randomness), so a failure names a request
/// that fails again; the requests go one at a time to a single server, a few thousand in all.
/// The role an operation is for is found by asking it once with each key: the first whose answer
/// is not 401 or 403 is the one used.
/// </remarks>
public class OpenApiFuzzTests
{
    private static readonly string[] BadScalars =
    [
        "", " ", "-1", "0", "99999999999999999999999999", "-99999999999999999999999999", "1e308", "1e999", "NaN", "0x10", "1.5",
        "\u0663", "\uff13", "\u00b3", "%00", "a%00b", "%FF%FE", "%C0%80", "%E2%80%AE", "%F0%9F%92%A9", "..%2F..%2Fetc", "%2e%2e",
        "null", "true", "[]", "{}", "'; DROP TABLE records;--", "<script>", "\u4e09", new string('9', 400), new string('a', 5000),
        "2026-13-45T99:99:99Z", "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-08:00",
    ];

    private static readonly (string Name, byte[] Bytes)[] BadBodies =
    [
        ("empty", []),
        ("null", "null"u8.ToArray()),
        ("unterminated", "{"u8.ToArray()),
        ("array", "[]"u8.ToArray()),
        ("empty object", "{}"u8.ToArray()),
        ("string", "\"x\""u8.ToArray()),
        ("number", "123"u8.ToArray()),
        ("huge number", Encoding.ASCII.GetBytes(new string('9', 5000))),
        ("overflowing exponent", "1e999999999"u8.ToArray()),
        ("deep arrays", Encoding.ASCII.GetBytes(new string('[', 5_000) + new string(']', 5_000))),
        ("deep objects", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000))),
        ("NUL", "\0"u8.ToArray()),
        ("NUL in JSON", "{\"a\":\"\0\"}"u8.ToArray()),
        ("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        ("UTF-16", [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0]),
        ("lone surrogate escape", "{\"a\":\"\\ud800\"}"u8.ToArray()),
        ("duplicate keys", "{\"a\":1,\"a\":2}"u8.ToArray()),
        ("trailing garbage", "{} {}"u8.ToArray()),
        ("comments", "/* c */ {}"u8.ToArray()),
        ("YAML", "a: [1, {b"u8.ToArray()),
        ("YAML with an unclosed flow mapping", "policy: x\nx: {b: 1\nc: 2\n"u8.ToArray()),
        ("CSV", "subject,type\r\n\"unterminated"u8.ToArray()),
        ("NDJSON", "{}\n{\n\0\n"u8.ToArray()),
    ];

    /// <summary>Content types an operation did not declare, sent beside the ones it did.</summary>
    private static readonly string[] ContentTypes = ["application/json; charset=utf-16", "multipart/form-data; boundary=x", "garbage"];

    [Fact]
    public async Task No_operation_answers_a_malformed_request_with_a_server_error()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        await host.PostAsync("/v1/records", court, new { subject = ApiHost.Bob, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "F-1", legalBasis = "case 1" });
        var keys = new Dictionary<string, string>
        {
            ["operator"] = host.OperatorKey,
            ["source"] = court,
            ["relying-party"] = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            ["subject"] = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob),
            ["reviewer"] = await host.KeyAsync("reviewer", "reviewer"),
            ["auditor"] = await host.KeyAsync("auditor", "auditor"),
        };
        // Cases that exist, so that routes about one read their bodies instead of answering 404.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task RememberAsync(string kind, Task<HttpResponseMessage> sending)
        {
            using var response = await sending;
            var text = await response.Content.ReadAsStringAsync();
            using var json = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            var id = new[] { "id", "decisionId", "caseId" }.Select(p => json.RootElement.TryGetProperty(p, out var v) ? v.ToString() : null).FirstOrDefault(v => v is not null);
            if (id is not null)
            {
                ids[kind] = id;
            }
        }

        await RememberAsync("decisions", host.PostAsync("/v1/decisions", keys["relying-party"], new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" }));
        await RememberAsync("repairs", host.PostAsync("/v1/me/repairs", keys["subject"], new { source = "intermediate-court", sourceRecordId = "F-1" }));
        await RememberAsync("appeals", host.PostAsync($"/v1/me/repairs/{ids.GetValueOrDefault("repairs")}/appeal", keys["subject"], new { grounds = "the period is served" }));
        await RememberAsync("disputes", host.PostAsync("/v1/me/disputes", keys["subject"], new { source = "intermediate-court", sourceRecordId = "F-1", reason = "not me" }));
        Assert.True(ids.ContainsKey("disputes") && ids.ContainsKey("decisions"), string.Join(", ", ids));
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var failures = new List<string>();
        var (sent, dropped) = (0, 0);

        async Task SendAsync(HttpMethod method, string path, string? key, string? contentType, byte[]? body, string what)
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                if (contentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await host.Client.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // Kestrel closes the connection on what is not HTTP at all; the server lives on (checked at the end).
                dropped++;
                return;
            }

            using var answered = response;
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{method} {path} [{what}] -> {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            }
        }

        var operations = 0;
        foreach (var (template, item) in document.GetProperty("paths").EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            foreach (var op in item.EnumerateObject())
            {
                operations++;
                var method = new HttpMethod(op.Name.ToUpperInvariant());
                var parameters = op.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
                var pathParams = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
                var queryParams = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
                var declared = op.Value.TryGetProperty("requestBody", out var rb) ? rb.GetProperty("content").EnumerateObject().Select(c => c.Name).ToList() : [];
                var properties = declared.Contains("application/json") ? Properties(document, rb.GetProperty("content").GetProperty("application/json")) : [];

                string Path(string? name = null, string? value = null) =>
                    pathParams.Aggregate(template, (t, p) => t.Replace("{" + p + "}", p == name ? value! : Plausible(template, p, ids), StringComparison.Ordinal));

                var plainBody = declared.Count == 0 ? null : "{}"u8.ToArray();
                var plainType = declared.FirstOrDefault();
                var plausible = properties.Count == 0 ? plainBody
                    : Encoding.UTF8.GetBytes("{" + string.Join(',', properties.Where(p => p != "expiresAt").Select(p => $"\"{p}\":{PlausibleJson(p)}")) + "}");
                string? key = null;
                foreach (var (role, candidate) in keys)
                {
                    using var probe = new HttpRequestMessage(method, Path());
                    probe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", candidate);
                    if (plausible is not null)
                    {
                        probe.Content = new ByteArrayContent(plausible);
                        probe.Content.Headers.ContentType = new MediaTypeHeaderValue(plainType!);
                    }

                    using var answer = await host.Client.SendAsync(probe);
                    if (answer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                    {
                        key = candidate;
                        break;
                    }
                }

                key ??= host.OperatorKey;
                foreach (var anyKey in new string?[] { null, "cred_forged", "Basic eDp5", new string('k', 10_000) })
                {
                    await SendAsync(method, Path(), anyKey, plainType, plainBody, $"key '{anyKey?[..Math.Min(anyKey.Length, 12)]}'");
                }

                foreach (var name in pathParams)
                {
                    foreach (var value in BadScalars.Where(v => v.Length > 0))
                    {
                        await SendAsync(method, Path(name, Escape(value)), key, plainType, plainBody, $"path {name}={value[..Math.Min(value.Length, 20)]}");
                    }
                }

                foreach (var name in queryParams)
                {
                    foreach (var value in BadScalars)
                    {
                        await SendAsync(method, $"{Path()}?{name}={Escape(value)}", key, plainType, plainBody, $"query {name}={value[..Math.Min(value.Length, 20)]}");
                    }

                    await SendAsync(method, $"{Path()}?{name}=1&{name}=2", key, plainType, plainBody, $"query {name} twice");
                }

                // Each bad value beside plausible values of the other parameters, so it is the one read.
                foreach (var value in BadScalars)
                {
                    foreach (var name in queryParams.Where(_ => queryParams.Count > 1))
                    {
                        var query = string.Join('&', queryParams.Select(q => $"{q}={(q == name ? Escape(value) : "1")}"));
                        await SendAsync(method, $"{Path()}?{query}", key, plainType, plainBody, $"query {query[..Math.Min(query.Length, 40)]}");
                    }
                }

                // A body whose HTTP framing is broken, for every operation.
                foreach (var (what, chunks) in BrokenChunks)
                {
                    var (status, text) = await RawAsync(host, $"{op.Name.ToUpperInvariant()} {Path()} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\nContent-Type: {plainType ?? "application/json"}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}");
                    sent++;
                    if (status >= 500 || status == 0)
                    {
                        failures.Add($"{method} {Path()} [{what}] -> {status}: {text[..Math.Min(300, text.Length)]}");
                    }
                }

                // An operation that reads no body gets a few, to show that it ignores them.
                var types = declared.Count == 0 ? ["application/json"] : declared.Concat(ContentTypes).Append(null);
                foreach (var type in types)
                {
                    foreach (var (what, bytes) in declared.Count == 0 ? BadBodies.Take(3) : BadBodies)
                    {
                        await SendAsync(method, Path(), key, type, bytes, $"{type ?? "no content type"}: {what}");
                    }
                }

                // A plausible body with one property wrong at a time, so that the wrong value is
                // read rather than refused for a missing neighbour.
                foreach (var property in properties)
                {
                    foreach (var (what, value) in WrongValues)
                    {
                        var fields = properties
                            .Where(p => p != property && !(p == "expiresAt" || (p == "validFor" && property == "expiresAt")))
                            .Select(p => $"\"{p}\":{PlausibleJson(p)}")
                            .Append($"\"{property}\":{value}");
                        var body = Encoding.UTF8.GetBytes("{" + string.Join(',', fields) + "}");
                        await SendAsync(method, Path(), key, "application/json", body, $"{property} = {what}");
                    }
                }
            }
        }

        Assert.True(operations >= 40, $"only {operations} operations in the document");
        Assert.True(sent > 2000 && dropped < sent / 100, $"only {sent} requests answered, {dropped} dropped");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests got a server error:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct().Take(60))}");
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz")).StatusCode);
    }

    private static readonly (string What, string Chunks)[] BrokenChunks =
    [
        ("a chunk size that overflows", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"),
        ("a chunk size in letters", "zz\r\nabc\r\n0\r\n\r\n"),
    ];

    /// <summary>Sends raw bytes and returns the status (0 when no answer came) and the answer.</summary>
    private static async Task<(int Status, string Text)> RawAsync(ApiHost host, string request)
    {
        var address = host.Server.Addresses[0];
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = await reader.ReadToEndAsync(timeout.Token);
        return (text.Length >= 12 && int.TryParse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0, text);
    }

    private static readonly (string What, string Json)[] WrongValues =
    [
        ("a number", "1"), ("a huge number", new string('9', 400)), ("a negative number", "-1"), ("a fraction", "0.5"), ("an exponent", "1e400"),
        ("a boolean", "true"), ("null", "null"), ("an array", "[1,\"a\"]"), ("an object", "{\"a\":1}"), ("a string", "\"x\""),
        ("an empty string", "\"\""), ("NUL", "\"\\u0000\""), ("controls", "\"a\\u001b[2J\\u0085b\""), ("a lone surrogate", "\"\\ud800\""),
        ("a bidi override", "\"\\u202e\""), ("a long string", "\"" + new string('x', 100_000) + "\""), ("other digits", "\"\\u0663y\""),
        ("an instant in year 1", "\"0001-01-01T00:00:00+08:00\""), ("an instant at the end of time", "\"9999-12-31T23:59:59-14:00\""),
        ("the first instant", "\"0001-01-01T00:00:00Z\""), ("the last instant", "\"9999-12-31T23:59:59.9999999Z\""),
        ("a far duration", "\"100y1200mo36500d\""),
        ("deep nesting", new string('[', 5000) + new string(']', 5000)),
    ];

    /// <summary>A JSON value a body property of this name could plausibly hold.</summary>
    private static string PlausibleJson(string name) => name switch
    {
        "recordTypes" => "[\"judgment-defaulter\"]",
        "capabilities" => "[\"air.ticket\"]",
        "quantity" or "version" => "1",
        "given" or "grant" => "true",
        "record" => "{}",
        _ => JsonSerializer.Serialize(name switch
        {
            "role" => "source",
            "subject" => ApiHost.Bob,
            "type" => "judgment-defaulter",
            "area" => "judicial",
            "occurred" or "reported" or "effectiveFrom" => "2026-05-01T00:00:00Z",
            "expiresAt" => "2026-07-01T00:00:00Z",
            "source" => "intermediate-court",
            "sourceRecordId" => "F-1",
            "action" => "submitted",
            "measure" => "rail.g-train.ticket",
            "relyingParty" => "rail",
            "validFor" => "30d",
            "answer" => "verify",
            "decision" => "uphold",
            _ => "fuzz " + name,
        }),
    };

    /// <summary>A value a path parameter of this name could plausibly hold: a case made for the test, or an id nothing has (so no key is revoked).</summary>
    private static string Plausible(string template, string name, Dictionary<string, string> ids) => name switch
    {
        "tag" => "rongcheng-persons@2026.1",
        "code" => ApiHost.Acme,
        "list" => "court-defaulters",
        "index" => "0",
        "id" when template.Contains("/keys/", StringComparison.Ordinal) => "999999",
        "id" => ids.FirstOrDefault(i => template.Contains("/" + i.Key + "/", StringComparison.Ordinal)).Value ?? "999999",
        _ => "999999",
    };

    private static string Escape(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);

    /// <summary>The property names of the JSON body's schema (following one $ref).</summary>
    private static List<string> Properties(JsonElement document, JsonElement media)
    {
        if (!media.TryGetProperty("schema", out var schema))
        {
            return [];
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(p => p.Name)] : [];
    }
}
