using System.Net;

namespace Credence.Api.Tests;

/// <summary><c>GET /v1/reports/fairness</c>: the report for operators and auditors, in both languages, and each refusal as a problem.</summary>
/// <remarks>
/// The refusals share a host (<see cref="SharedHost"/>: they write no record and the clock stays at <see cref="ApiHost.Start"/>);
/// the report's test starts its own, for it counts every subject and moves the clock.
/// </remarks>
public class FairnessApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private static async Task<ApiHost> CityAsync()
    {
        var host = await ApiHost.StartAsync();
        var court = await host.KeyAsync("source", "intermediate-court", recordTypes: ["judgment-defaulter", "breach-of-contract-judgment"]);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var lines = string.Join('\n', Enumerable.Range(0, 12).Select(i =>
            $"{{\"subject\":\"{Core.Identifiers.ResidentIdentityNumber.Create(i < 6 ? "310104" : "110105", new DateOnly(1980, 1, 1).AddDays(i * 31), i + 1)}\",\"type\":\"{(i < 5 ? "judgment-defaulter" : "breach-of-contract-judgment")}\",\"area\":\"judicial\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"F-{i}\",\"legalBasis\":\"(2026) No. {i}\"}}"));
        var batch = await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(lines + "\n", "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        return host;
    }

    [Fact]
    public async Task An_auditor_reads_the_report_with_its_findings_in_English_and_Chinese()
    {
        await using var host = await CityAsync();
        var auditor = await host.KeyAsync("auditor", "auditor");
        var response = await host.GetAsync("/v1/reports/fairness?minCohort=5&seed=11", auditor);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ApiHost.Json(response);
        Assert.Equal(11UL, report.GetProperty("seed").GetUInt64());
        Assert.Equal(5, report.GetProperty("minCohort").GetInt32());
        var persons = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "person");
        Assert.Equal(12, persons.GetProperty("assessed").GetInt32());
        var finding = persons.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("outcome").GetProperty("id").GetString() == "listed:court-defaulters");
        Assert.Equal("31", finding.GetProperty("cohort").GetProperty("key").GetString());
        Assert.Equal("four-fifths", finding.GetProperty("flags")[0].GetString());
        Assert.Equal("judgment-defaulter", finding.GetProperty("carriers")[0].GetProperty("type").GetString());
        Assert.Contains(report.GetProperty("summary").GetProperty("en").EnumerateArray(), l => l.GetString()!.Contains("Shanghai", StringComparison.Ordinal));
        Assert.Contains(report.GetProperty("summary").GetProperty("zh").EnumerateArray(), l => l.GetString()!.Contains("上海", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("asOf=yesterday", HttpStatusCode.UnprocessableEntity, "bad-instant")]
    [InlineData("asOf=2026-06-01T00:00:00", HttpStatusCode.UnprocessableEntity, "bad-instant")]
    [InlineData("asOf=%EF%BC%92026-06-01", HttpStatusCode.UnprocessableEntity, "bad-instant")] // a full-width digit
    [InlineData("asOf=2027-01-01T00:00:00Z", HttpStatusCode.UnprocessableEntity, "future-instant")]
    [InlineData("asOf=2020-01-01", HttpStatusCode.Conflict, "no-active-policy")]
    [InlineData("minCohort=-1", HttpStatusCode.UnprocessableEntity, "bad-value")]
    [InlineData("minCohort=ten", HttpStatusCode.UnprocessableEntity, "bad-value")]
    [InlineData("gradeAtOrBelow=E", HttpStatusCode.UnprocessableEntity, "bad-value")]
    [InlineData("gradeAtOrBelow=%EF%BC%A3", HttpStatusCode.UnprocessableEntity, "bad-value")] // a full-width C
    [InlineData("gradeAtOrBelow=C%E2%80%AE", HttpStatusCode.UnprocessableEntity, "invisible-character")] // C and a right-to-left override
    [InlineData("gradeAtOrBelow=C%07", HttpStatusCode.UnprocessableEntity, "control-character")]
    [InlineData("seed=-3", HttpStatusCode.UnprocessableEntity, "bad-value")]
    public async Task A_bad_query_is_a_problem(string query, HttpStatusCode status, string code)
    {
        var host = await HostAsync();
        await Problems.AssertAsync(await host.GetAsync("/v1/reports/fairness?" + query, host.OperatorKey), status, code);
    }

    [Fact]
    public async Task Every_other_credential_is_refused_with_a_problem()
    {
        var host = await HostAsync();
        foreach (var key in new[]
        {
            await host.CourtAsync(),
            await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person()),
            await host.KeyAsync("reviewer", "reviewer"),
        })
        {
            await Problems.AssertAsync(await host.GetAsync("/v1/reports/fairness", key), HttpStatusCode.Forbidden, "forbidden");
        }

        await Problems.AssertAsync(await host.GetAsync("/v1/reports/fairness"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.GetAsync("/v1/reports/fairness", "cred_" + new string('x', 43)), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/v1/reports/fairness", host.OperatorKey)).StatusCode);
    }
}
