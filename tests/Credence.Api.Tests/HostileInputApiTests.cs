using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Credence.Api.Tests;

/// <summary>
/// Bad input changes nothing and never brings the registry down: hostile policies, durations in
/// other scripts' digits, HTTP framing errors, and records dated before their subject existed or
/// holding control characters, through every route that takes them.
/// </summary>
/// <remarks>
/// The cases share a host with the sample policies and one without (<see cref="SharedHost"/>): a refusal is shown to change
/// nothing by the policies listed, or the record versions counted, before and after the case itself; a case that writes uses a
/// subject and record ids of its own.
/// </remarks>
public class HostileInputApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private const string Young = "110105200003151234"; // born 2000-03-15

    private static async Task<HttpResponseMessage> ValidateAsync(ApiHost host, string route, HttpContent content) =>
        await host.SendAsync(HttpMethod.Post, route, host.OperatorKey, content);

    public static TheoryData<string, string, string> HostilePolicies => new()
    {
        { "/v1/policies/validate", "nested one past the bound", "policy: " + new string('[', 32) + new string(']', 32) },
        { "/v1/policies", "nested one past the bound", "policy: " + new string('[', 32) + new string(']', 32) },
        { "/v1/policies/validate", "mappings 5,000 deep", "policy: " + string.Concat(Enumerable.Repeat("{a: ", 5_000)) + "1" + new string('}', 5_000) },
        { "/v1/policies", "sequences 5,000 deep", "policy: " + new string('[', 5_000) + new string(']', 5_000) },
        { "/v1/policies/validate", "billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" },
        { "/v1/policies", "unclosed flow mapping before a block key", "policy: test\nx: {b: 1\nc: 2\n" },
        { "/v1/policies/validate", "unclosed flow mapping", "policy: {a: 1" },
        { "/v1/policies", "NUL", "policy: te\0st\n" },
        { "/v1/policies/validate", "ten thousand documents", string.Concat(Enumerable.Repeat("--- a\n", 10_000)) },
        { "/v1/policies", "a value over the bound", "policy: " + new string('x', 4097) },
    };

    [Theory]
    [MemberData(nameof(HostilePolicies))]
    public async Task A_hostile_policy_is_a_located_problem_and_the_registry_lives_on(string route, string what, string text)
    {
        var host = await HostAsync(policies: false);
        var before = await PoliciesAsync(host);
        var response = await ValidateAsync(host, route, ApiHost.Yaml(text));
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-policy");
        var error = Assert.Single((await ApiHost.Json(response)).GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.Matches("^policy\\.yaml:[0-9]+:[0-9]+: yaml-(syntax|limit): ", error);
        Assert.True(error.Length < 400, what);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz")).StatusCode);
        Assert.Equal(before, await PoliciesAsync(host));
    }

    /// <summary>The stored policies (a refused upload is logged, and so ledgered, but stores no policy).</summary>
    private static async Task<string> PoliciesAsync(ApiHost host) => await (await host.GetAsync("/v1/policies", host.OperatorKey)).Content.ReadAsStringAsync();

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0, (byte)':', 0, (byte)' ', 0, (byte)'1', 0 }, "UTF-16")]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)'\n', (byte)'b', (byte)':', (byte)' ', 0xC3, 0x28 }, "policy.yaml:2:4:")]
    public async Task A_policy_that_is_not_utf8_is_a_located_problem(byte[] body, string expected)
    {
        var host = await HostAsync(policies: false);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/yaml");
        var response = await ValidateAsync(host, "/v1/policies/validate", content);
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-policy");
        Assert.Contains(expected, (await ApiHost.Json(response)).GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0663y")]
    [InlineData("\u06f3mo")]
    [InlineData("\uff13mo")]
    [InlineData("\u0969d")]
    [InlineData("\u00b3d")]
    [InlineData("\ud835\udfd1d")]
    [InlineData("99999999999999999999d")]
    [InlineData("1e9d")]
    [InlineData("\u4e09\u5929")]
    public async Task A_share_duration_in_other_digits_or_too_long_is_a_bad_value(string validFor)
    {
        var host = await HostAsync();
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person());
        await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        var response = await host.PostAsync("/v1/me/shares", bob, new { relyingParty = "elm-lettings", validFor, purpose = "flat" });
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "bad-value");
    }

    /// <summary>Sends raw bytes to the server and returns the status line and the rest.</summary>
    private static async Task<(int Status, string Text)> RawAsync(ApiHost host, string head, byte[] body)
    {
        var address = host.Server.Addresses[0];
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string text;
        try
        {
            text = await reader.ReadToEndAsync(timeout.Token);
        }
        catch (IOException e)
        {
            // A reset after the answer: what was read before it is the answer.
            text = e.Message;
        }

        var status = text.Length >= 12 ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    public static TheoryData<string, string, int> Framing => new()
    {
        { "a chunk size that overflows", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", 400 },
        { "a chunk size of 2^32", "100000000\r\nabc\r\n0\r\n\r\n", 400 },
        { "a chunk size in letters", "zz\r\nabc\r\n0\r\n\r\n", 400 },
        { "a chunk size in full-width digits", "\uff11\r\na\r\n0\r\n\r\n", 400 },
        { "a negative chunk size", "-1\r\nabc\r\n0\r\n\r\n", 400 },
        { "a chunk without its line end", "3\r\nabcdef0\r\n\r\n", 400 },
        { "a chunk larger than the limit", "200000\r\n" + new string('a', 0x200000) + "\r\n0\r\n\r\n", 413 },
    };

    [Theory]
    [MemberData(nameof(Framing))]
    public async Task A_body_that_breaks_http_framing_is_a_client_error_with_a_problem(string what, string chunks, int status)
    {
        var host = await HostAsync(policies: false);
        foreach (var route in new[] { "/v1/policies/validate", "/v1/records", "/v1/records/batch", "/v1/principals" })
        {
            var head = $"POST {route} HTTP/1.1\nHost: localhost\nAuthorization: Bearer {host.OperatorKey}\nContent-Type: application/json\nTransfer-Encoding: chunked\nConnection: close\n";
            var (got, text) = await RawAsync(host, head, Encoding.UTF8.GetBytes(chunks));
            Assert.True(got is >= 400 and < 500, $"{what} on {route}: {got}{Environment.NewLine}{text}.");
            if (route == "/v1/policies/validate")
            {
                Assert.True(got == status, $"{what}: {text}");
                Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
                Assert.Contains(status == 413 ? "payload-too-large" : "urn:credence:problem:malformed-request", text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("Content-Length: abc\n")]
    [InlineData("Content-Length: -1\n")]
    [InlineData("Content-Length: 99999999999999999999999\n")]
    [InlineData("Content-Length: \u0663\n")]
    [InlineData("Content-Length: 3\nContent-Length: 4\n")]
    [InlineData("Content-Length: 3\nTransfer-Encoding: chunked\n")]
    [InlineData("Transfer-Encoding: gzip\n")]
    public async Task A_bad_length_is_a_client_error(string headers)
    {
        var host = await HostAsync(policies: false);
        var head = $"POST /v1/policies/validate HTTP/1.1\nHost: localhost\nAuthorization: Bearer {host.OperatorKey}\n{headers}Connection: close\n";
        var (status, text) = await RawAsync(host, head, "abc"u8.ToArray());
        Assert.True(status is >= 400 and < 500, $"{headers}: {text}");
    }

    private static string Line(string id, string subject = ApiHost.Bob, string occurred = "2026-05-01T00:00:00Z", string legalBasis = "case 1") =>
        System.Text.Json.JsonSerializer.Serialize(new { subject, type = "judgment-defaulter", area = "judicial", occurred, sourceRecordId = id, legalBasis });

    public static TheoryData<string, string, string> BadRecords => new()
    {
        { Line("R-1", Young, "2000-03-14T23:59:59Z"), "before-subject-existed", "occurred" },
        { Line("R-1", Young, "0001-01-01T00:00:00Z"), "before-subject-existed", "occurred" },
        { Line("R-1", ApiHost.Bob, "1879-12-31T00:00:00Z"), "before-subject-existed", "occurred" },
        { Line("R-\u0000"), "control-character", "sourceRecordId" },
        { Line("R-1\u001b[2J"), "control-character", "sourceRecordId" },
        { Line("R-1", legalBasis: "case\u00851"), "control-character", "legalBasis" },
        { Line("R-1", legalBasis: "case\u007f1"), "control-character", "legalBasis" },
        { Line("R-\u200b1"), "invisible-character", "sourceRecordId" },
        { Line("R-1", legalBasis: "case \u202e1"), "invisible-character", "legalBasis" },
        { Line("R-1").Replace("judgment-defaulter", "judgment-\\u0000defaulter", StringComparison.Ordinal), "control-character", "type" },
        { Line("R-1").Replace("judicial", "judicial\\u0000", StringComparison.Ordinal), "control-character", "area" },
        { Line("R-1").Replace(ApiHost.Bob, ApiHost.Bob + "\\u0000", StringComparison.Ordinal), "control-character", "subject" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_bad_record_is_refused_with_its_class_on_every_route_and_nothing_is_stored(string json, string type, string field)
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var before = await RecordVersionsAsync(host);
        var single = await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(json, "application/json"));
        await Problems.AssertAsync(single, HttpStatusCode.UnprocessableEntity, type);

        var good = Line(Unique.Id("G"), Unique.Person());
        var batch = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(good + "\n" + json, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var fate = (await ApiHost.Json(batch)).GetProperty("fates")[1];
        Assert.Equal("rejected", fate.GetProperty("fate").GetString());
        Assert.Equal("urn:credence:problem:" + type, fate.GetProperty("problem").GetProperty("type").GetString());
        Assert.Contains(field, fate.GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);

        var record = System.Text.Json.JsonDocument.Parse(json).RootElement;
        var columns = new[] { "subject", "type", "area", "occurred", "sourceRecordId", "legalBasis" };
        var csv = string.Join(',', columns) + "\r\n" + string.Join(',', columns.Select(c => "\"" + record.GetProperty(c).GetString() + "\"")) + "\r\n";
        var fromCsv = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(csv, "text/csv"));
        await Problems.AssertAsync(fromCsv, HttpStatusCode.UnprocessableEntity, type);
        Assert.Equal(before + 1, await RecordVersionsAsync(host));
    }

    private static async Task<long> RecordVersionsAsync(ApiHost host) => (await host.Server.Registry.Store.ReadAsync(r => r.Counts(host.Clock.GetUtcNow()))).RecordVersions;

    [Fact]
    public async Task A_dispute_answer_cannot_smuggle_what_intake_refuses()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, d) = (Unique.Person(), Unique.Id("D"));
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: subject);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(Line(d, subject), "application/json"))).StatusCode);
        var opened = await host.PostAsync("/v1/me/disputes", bob, new { source = "intermediate-court", sourceRecordId = d, reason = "not me" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var answer = $"/v1/disputes/{(await ApiHost.Json(opened)).GetProperty("id").GetString()}/answer";

        // A withdrawal's reason becomes the note of the version it writes.
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "withdraw", reason = "mix-up\u0000" }), HttpStatusCode.UnprocessableEntity, "control-character");
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "withdraw", reason = "mix-up \u202e" }), HttpStatusCode.UnprocessableEntity, "invisible-character");
        var dayBeforeBirth = DateOnly.ParseExact(subject.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).AddDays(-1);
        var corrected = System.Text.Json.JsonDocument.Parse(Line(d, subject, occurred: $"{dayBeforeBirth:yyyy-MM-dd}T00:00:00Z")).RootElement;
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "correct", reason = "date", record = corrected }), HttpStatusCode.UnprocessableEntity, "before-subject-existed");
        var smuggled = System.Text.Json.JsonDocument.Parse(Line(d, subject, legalBasis: "case\u00001")).RootElement;
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "correct", reason = "basis", record = smuggled }), HttpStatusCode.UnprocessableEntity, "control-character");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(answer, court, new { answer = "withdraw", reason = "identifier mix-up" })).StatusCode);
    }
}
