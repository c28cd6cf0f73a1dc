using System.Net;
using System.Text.Json;
using Credence.Api.Tests.DueProcess;

namespace Credence.Api.Tests;

/// <summary>A source's intake history through the API: its batches, one batch's rejected lines, and those lines as CSV and NDJSON.</summary>
public class IntakeHistoryApiTests
{
    [Fact]
    public async Task A_source_reads_its_batches_and_downloads_each_batchs_rejected_lines_with_number_and_reason()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var other = await host.KeyAsync("source", "other-court", recordTypes: ["judgment-defaulter"]);
        var body = string.Join('\n',
            JsonSerializer.Serialize(DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")),
            "{not json",
            JsonSerializer.Serialize(DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")),
            JsonSerializer.Serialize(DueProcessHost.Defaulter(ApiHost.Alice, "Z-2", occurred: "2099-01-01T00:00:00Z"))) + "\n";
        var submitted = await DueProcessHost.Ok(host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(body, "application/x-ndjson")));
        Assert.Equal(2, submitted.GetProperty("rejected").GetInt32());

        var history = await DueProcessHost.Ok(host.GetAsync("/v1/sources/me/batches", court));
        Assert.Equal(1, history.GetProperty("total").GetInt64());
        var batch = history.GetProperty("batches")[0];
        Assert.Equal((4L, 1L, 1L, 2L), (batch.GetProperty("lines").GetInt64(), batch.GetProperty("accepted").GetInt64(), batch.GetProperty("duplicates").GetInt64(), batch.GetProperty("rejected").GetInt64()));
        var id = batch.Text("id");

        var detail = await DueProcessHost.Ok(host.GetAsync($"/v1/sources/me/batches/{id}", court));
        var rejected = detail.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([(2, "malformed-json"), (4, "future-instant")], rejected.Select(r => (r.GetProperty("line").GetInt32(), r.Text("type"))));

        var csv = await host.GetAsync($"/v1/sources/me/batches/{id}/rejected?format=csv", court);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.DispositionType ?? string.Empty, StringComparison.Ordinal);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,record,version,type,field,message", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("2,,,\"malformed-json\",", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("4,\"intermediate-court/Z-2\",1,\"future-instant\",", rows[2], StringComparison.Ordinal);

        var ndjson = await host.GetAsync($"/v1/sources/me/batches/{id}/rejected", court);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2, 4], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Text("message"))));

        // Refusals: a format that is not offered, another source's batch (as one that does not exist), another role.
        await Problems.AssertAsync(await host.GetAsync($"/v1/sources/me/batches/{id}/rejected?format=xml", court), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync($"/v1/sources/me/batches/{id}", other), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/sources/me/batches/{id}/rejected?format=csv", other), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, (await DueProcessHost.Ok(host.GetAsync("/v1/sources/me/batches", other))).GetProperty("total").GetInt64());
        await Problems.AssertAsync(await host.GetAsync($"/v1/sources/me/batches/{id}", host.OperatorKey), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.GetAsync("/v1/sources/me/batches?limit=0", court), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/sources/me/batches?limit=201", court), HttpStatusCode.UnprocessableEntity, "bad-value");
    }

    [Fact]
    public void A_CSV_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        var csv = Credence.Registry.Intake.RejectedLinesText.Csv(
        [
            new(1, 7, "=HYPERLINK(\"http://x\")", 1, "bad-value", "+field", "@SUM(A1)"),
            new(2, 8, null, null, "conflict", "", "said \"no\", twice"),
        ]);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("7,\"'=HYPERLINK(\"\"http://x\"\")\",1,\"bad-value\",\"'+field\",\"'@SUM(A1)\"", rows[1]);
        Assert.Equal("8,,,\"conflict\",\"\",\"said \"\"no\"\", twice\"", rows[2]);
    }

    [Fact]
    public async Task The_series_route_answers_operators_and_auditors_with_a_period_and_refuses_a_bad_one()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var auditor = await host.KeyAsync("auditor", "auditor-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        var today = host.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var series = await DueProcessHost.Ok(host.GetAsync($"/v1/summary/series?to={today}&days=7", auditor));
        Assert.Equal(today, series.Text("last"));
        Assert.Equal(1, series.GetProperty("intake").EnumerateArray().Sum(i => i.GetProperty("accepted").GetInt64()));
        Assert.Equal(7, series.GetProperty("lists")[0].GetProperty("sizes").GetArrayLength());
        await DueProcessHost.Ok(host.GetAsync("/v1/summary/series", host.OperatorKey));

        await Problems.AssertAsync(await host.GetAsync("/v1/summary/series?to=yesterday", auditor), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/summary/series?to=2999-01-01", auditor), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/summary/series?days=0", auditor), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/summary/series?days=367", auditor), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/summary/series", court), HttpStatusCode.Forbidden, "forbidden");
    }
}
