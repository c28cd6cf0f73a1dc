using System.Net;
using System.Text;
using System.Text.Json;
using Credence.Core.Identifiers;

namespace Credence.Api.Tests.Simulation;

/// <summary>The fairness difference in a simulation report over HTTP: in the created report and the stored one read back, in both languages.</summary>
public class SimulationFairnessApiTests
{
    private const string Tag = "rongcheng-persons@2026.3";

    /// <summary>A draft under which a late card payment also puts a person on the court defaulter list.</summary>
    private static string Draft => ApiHost.PolicyText("rongcheng-persons.yaml")
        .Replace("version: \"2026.1\"", "version: \"2026.3\"", StringComparison.Ordinal)
        .Replace("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter, late-credit-card-payment] }", StringComparison.Ordinal);

    private static string Line(string region, int i, string type, string area) => JsonSerializer.Serialize(new
    {
        subject = ResidentIdentityNumber.Create(region, new DateOnly(1970 + (i % 30), 1 + (i % 12), 1), i),
        type,
        area,
        occurred = "2026-04-01T00:00:00Z",
        sourceRecordId = $"{type}-{region}-{i}",
        legalBasis = type == "volunteering" ? null : "agreement " + i,
    });

    [Fact]
    public async Task The_report_created_and_read_back_holds_the_fairness_difference_and_the_disparity_the_draft_introduces()
    {
        await using var host = await ApiHost.StartAsync();
        var source = await host.KeyAsync("source", "bank-and-charity", recordTypes: ["late-credit-card-payment", "volunteering"]);
        var batch = new StringBuilder();
        for (var i = 0; i < 120; i++)
        {
            batch.Append(Line("110105", i, "late-credit-card-payment", "commercial")).Append('\n');
            batch.Append(Line("440305", i, "volunteering", "social")).Append('\n');
        }

        var intake = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/records/batch", source, ApiHost.Text(batch.ToString(), "application/x-ndjson")));
        Assert.Equal(240, intake.GetProperty("accepted").GetInt32());
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(Draft))).StatusCode);

        var created = await host.SendAsync(HttpMethod.Post, $"/v1/policies/{Tag}/simulations", host.OperatorKey);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await ApiHost.Json(created);
        var read = await ApiHost.Json(await host.GetAsync($"/v1/simulations/{document.GetProperty("id").GetString()}", host.OperatorKey));
        Assert.Equal(document.GetProperty("digest").GetString(), read.GetProperty("digest").GetString());

        foreach (var report in new[] { document.GetProperty("report"), read.GetProperty("report") })
        {
            var fairness = report.GetProperty("fairness");
            Assert.Equal(("rongcheng-persons@2026.1", Tag), (fairness.GetProperty("against").GetString(), fairness.GetProperty("draft").GetString()));
            Assert.True(fairness.GetProperty("introduced").GetInt32() > 0);
            var beijing = fairness.GetProperty("cohorts").EnumerateArray().Single(c =>
                c.GetProperty("dimension").GetString() == "region" && c.GetProperty("outcome").GetString() == "listed:court-defaulters" && c.GetProperty("cohort").GetProperty("key").GetString() == "11");
            Assert.Equal("introduced", beijing.GetProperty("disparity").GetString());
            Assert.Equal(0.0, beijing.GetProperty("before").GetProperty("rate").GetDouble());
            Assert.Equal(1.0, beijing.GetProperty("after").GetProperty("rate").GetDouble());
            Assert.Contains("four-fifths", beijing.GetProperty("after").GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal("late-credit-card-payment", beijing.GetProperty("carriers")[0].GetProperty("type").GetString());
            Assert.Contains(fairness.GetProperty("words").GetProperty("en").EnumerateArray(), l => l.GetString()!.StartsWith("Introduces [the four-fifths rule", StringComparison.Ordinal) && l.GetString()!.Contains("Beijing", StringComparison.Ordinal));
            Assert.Contains(fairness.GetProperty("words").GetProperty("zh").EnumerateArray(), l => l.GetString()!.StartsWith("新增【五分之四规则", StringComparison.Ordinal) && l.GetString()!.Contains("北京", StringComparison.Ordinal));
        }

        // An auditor reads the same section.
        var auditor = await host.KeyAsync("auditor", "auditor");
        var audited = await ApiHost.Json(await host.GetAsync($"/v1/simulations/{document.GetProperty("id").GetString()}", auditor));
        Assert.Equal(document.GetProperty("report").GetProperty("fairness").GetProperty("words").ToString(), audited.GetProperty("report").GetProperty("fairness").GetProperty("words").ToString());
    }
}
