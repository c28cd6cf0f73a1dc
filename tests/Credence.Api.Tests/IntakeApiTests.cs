using System.Net;
using System.Text;

namespace Credence.Api.Tests;

/// <remarks>
/// The tests share a host (<see cref="SharedHost"/>) under subjects and record ids of their own, and count the stored record
/// versions before and after a refusal; the tests of a host without policies and of a small batch limit start their own.
/// </remarks>
public class IntakeApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private static object Defaulter(string id, string subject = ApiHost.Bob) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id };

    private static string Line(string id, string subject = ApiHost.Bob, string type = "judgment-defaulter", string extra = "") =>
        $"{{\"subject\":\"{subject}\",\"type\":\"{type}\",\"area\":\"judicial\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"{id}\",\"legalBasis\":\"case {id}\"{extra}}}";

    [Fact]
    public async Task One_record_is_idempotent_and_a_changed_payload_is_a_conflict()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var first = await host.PostAsync("/v1/records", court, Defaulter(z, subject));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var fate = await ApiHost.Json(first);
        Assert.Equal(("accepted", "intermediate-court/" + z, 1), (fate.GetProperty("fate").GetString(), fate.GetProperty("record").GetString(), fate.GetProperty("version").GetInt32()));

        var again = await host.PostAsync("/v1/records", court, Defaulter(z, subject));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await ApiHost.Json(again)).GetProperty("fate").GetString());

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(Line(z, subject).Replace("case " + z, "other case", StringComparison.Ordinal), "application/json")), HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Corrections_and_withdrawals_come_only_from_the_submitting_source()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var other = await host.KeyAsync("source", "other-court", recordTypes: ["judgment-defaulter"]);
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(z, subject))).StatusCode);
        var withdrawal = Line(z, subject, extra: ",\"version\":2,\"action\":\"withdrawn\",\"note\":\"wrong person\"");

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records", other, ApiHost.Text(withdrawal, "application/json")), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(withdrawal, "application/json"))).StatusCode);
    }

    public static TheoryData<string, HttpStatusCode, string> BadBodies => new()
    {
        { "{\"subject\":", HttpStatusCode.BadRequest, "malformed-json" },
        { "[1,2]", HttpStatusCode.BadRequest, "malformed-json" },
        { Line("x").Replace("\"legalBasis\"", "\"colour\":\"red\",\"legalBasis\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "malformed-json" },
        { Line("x").Replace("\"subject\":\"440524188001010014\",", "", StringComparison.Ordinal), HttpStatusCode.BadRequest, "missing-field" },
        { Line("x", subject: "440524188001010015"), HttpStatusCode.UnprocessableEntity, "invalid-identifier" },
        { Line("x").Replace("2026-05-01T00:00:00Z", "May 1st", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity, "bad-instant" },
        { Line("x").Replace("2026-05-01T00:00:00Z", "2027-05-01T00:00:00Z", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity, "future-instant" },
        { Line("x", extra: ",\"quantity\":-5"), HttpStatusCode.UnprocessableEntity, "bad-value" },
        { Line("x", type: "spitting"), HttpStatusCode.UnprocessableEntity, "unknown-record-type" },
        { Line("x").Replace("judicial", "social", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity, "area-mismatch" },
        { Line("x").Replace(",\"legalBasis\":\"case x\"", "", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity, "missing-legal-basis" },
        { Line("x", subject: ApiHost.Acme, type: "judgment-performed").Replace("judgment-performed", "tax-paid", StringComparison.Ordinal).Replace(ApiHost.Acme, ApiHost.Bob, StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity, "subject-kind-mismatch" },
        { Line("x", type: "religious-gathering"), HttpStatusCode.UnprocessableEntity, "protected-matter" },
        { Line("x", type: "breach-of-contract-judgment"), HttpStatusCode.Forbidden, "type-not-permitted" },
        { Line("x", extra: ",\"source\":\"another-court\""), HttpStatusCode.Forbidden, "forbidden" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Every_bad_input_gets_a_problem_with_a_stable_type_and_nothing_is_stored(string body, HttpStatusCode status, string type)
    {
        var host = await HostAsync();
        var court = await host.KeyAsync("source", "lenient-court", recordTypes: ["judgment-defaulter", "tax-paid", "spitting"]);
        var before = await RecordVersionsAsync(host);
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(body, "application/json")), status, type);
        Assert.Equal(before, await RecordVersionsAsync(host));
    }

    [Fact]
    public async Task Records_for_a_kind_without_an_active_policy_are_refused()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        var court = await host.CourtAsync();
        await Problems.AssertAsync(await host.PostAsync("/v1/records", court, Defaulter("Z-1")), HttpStatusCode.Conflict, "no-active-policy");
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_before_anything_is_stored()
    {
        await using var host = await ApiHost.StartAsync(batchLimit: 4096);
        var court = await host.CourtAsync();
        var huge = Line("x").Replace("case x", new string('c', 1 << 20), StringComparison.Ordinal);
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(huge, "application/json")), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        var batch = string.Join('\n', Enumerable.Range(0, 100).Select(i => Line("B-" + i)));
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(batch, "application/x-ndjson")), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(batch)));
        chunked.Headers.ContentType = new("application/x-ndjson");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, chunked), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(0L, await RecordVersionsAsync(host));
    }

    private static async Task<long> RecordVersionsAsync(ApiHost host) => (await host.Server.Registry.Store.ReadAsync(r => r.Counts(host.Clock.GetUtcNow()))).RecordVersions;

    [Fact]
    public async Task Every_line_of_an_NDJSON_batch_gets_a_fate()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (bob, alice) = (Unique.Person(), Unique.Person());
        var z = Enumerable.Range(0, 4).Select(_ => Unique.Id("Z")).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/records", court, ApiHost.Text(Line(z[0], bob), "application/json"))).StatusCode);
        var body = string.Join('\n', Line(z[1], bob), Line(z[0], bob), "{broken", string.Empty, Line(z[2], subject: alice), Line(z[0], bob).Replace("case " + z[0], "changed", StringComparison.Ordinal), Line(z[3], subject: "123"));
        var response = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(body, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ApiHost.Json(response);
        Assert.Equal((2, 1, 3), (result.GetProperty("accepted").GetInt32(), result.GetProperty("duplicates").GetInt32(), result.GetProperty("rejected").GetInt32()));
        var fates = result.GetProperty("fates").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 5, 6, 7], fates.Select(f => f.GetProperty("line").GetInt32()));
        Assert.Equal(["accepted", "duplicate", "rejected", "accepted", "rejected", "rejected"], fates.Select(f => f.GetProperty("fate").GetString()));
        Assert.Equal(
            ["urn:credence:problem:malformed-json", "urn:credence:problem:conflict", "urn:credence:problem:invalid-identifier"],
            fates.Where(f => f.TryGetProperty("problem", out _)).Select(f => f.GetProperty("problem").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_batch_with_every_line_rejected_is_a_problem_with_the_fates_and_stores_nothing()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var before = await RecordVersionsAsync(host);
        var response = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(Line("a", type: "spitting") + "\n" + Line("b", type: "spitting"), "application/x-ndjson"));
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "unknown-record-type");
        Assert.Equal(2, (await ApiHost.Json(response)).GetProperty("fates").GetArrayLength());
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text("\n\n", "application/x-ndjson")), HttpStatusCode.BadRequest, "malformed-json");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text("<xml/>", "application/xml")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(before, await RecordVersionsAsync(host));
    }

    [Fact]
    public async Task A_CSV_upload_takes_a_header_row_of_record_fields()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var csv = "subject,type,area,occurred,sourceRecordId,legalBasis\r\n" +
                  $"{Unique.Person()},judgment-defaulter,judicial,2026-05-01T00:00:00Z,{Unique.Id("C")},\"(2026) Enforcement No. 1, Civil\"\r\n" +
                  $"{Unique.Person()},judgment-defaulter,judicial,2026-05-01T00:00:00Z,{Unique.Id("C")}\r\n";
        var result = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(csv, "text/csv")));
        Assert.Equal(["accepted", "rejected"], result.GetProperty("fates").EnumerateArray().Select(f => f.GetProperty("fate").GetString()));
        Assert.Equal("urn:credence:problem:malformed-csv", result.GetProperty("fates")[1].GetProperty("problem").GetProperty("type").GetString());

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text("subject,weight\n1,2\n", "text/csv")), HttpStatusCode.BadRequest, "malformed-csv");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, new ByteArrayContent([0x73, 0xff, 0xfe]) { Headers = { ContentType = new("text/csv") } }), HttpStatusCode.BadRequest, "malformed-csv");
    }
}
