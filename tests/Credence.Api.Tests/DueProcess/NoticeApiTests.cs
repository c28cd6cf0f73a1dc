using System.Net;

namespace Credence.Api.Tests.DueProcess;

/// <summary>The inbox: newest first, paged, with reasons, policy version and next steps; and the due-process routes in the OpenAPI document.</summary>
public class NoticeApiTests
{
    [Fact]
    public async Task Notices_are_paged_newest_first_and_their_reads_are_logged()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "china-railway", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        await DueProcessHost.Created(host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" }));
        await DueProcessHost.Created(host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Alice, measure = "rail.g-train.ticket" }));

        var first = await DueProcessHost.Ok(host.GetAsync("/v1/me/notices?limit=1", bob));
        var newest = Assert.Single(first.EnumerateArray());
        Assert.Equal(("adverse-decision", "rongcheng-persons@2026.1"), (newest.Text("kind"), newest.Text("policyVersion")));
        Assert.Contains("china-railway", newest.Text("title"), StringComparison.Ordinal);
        var next = await DueProcessHost.Ok(host.GetAsync($"/v1/me/notices?limit=1&before={newest.GetProperty("id").GetInt64()}", bob));
        var listed = Assert.Single(next.EnumerateArray());
        Assert.Equal("listed", listed.Text("kind"));
        Assert.Equal("LISTED.court-defaulters", listed.GetProperty("reasons")[0].Text("code"));
        Assert.Contains(listed.GetProperty("nextSteps").EnumerateArray(), s => s.Text("action") == "wait");
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync($"/v1/me/notices?before={listed.GetProperty("id").GetInt64()}", bob))).EnumerateArray());
        await Problems.AssertAsync(await host.GetAsync("/v1/me/notices?limit=0", bob), HttpStatusCode.UnprocessableEntity, "bad-value");

        // An allowed decision leaves no notice; the file counts them and shows the latest.
        var alice = await host.SubjectAsync("alice", ApiHost.Alice);
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/me/notices", alice))).EnumerateArray());
        var file = await host.FileAsync(bob);
        Assert.Equal(2, file.GetProperty("noticeCount").GetInt32());
        Assert.Equal(2, file.GetProperty("notices").GetArrayLength());
        Assert.Equal(3, file.GetProperty("accessLog").EnumerateArray().Count(e => e.Text("action") == "notices.read"));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_due_process_routes()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        var openapi = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/v1/me/disputes", "/v1/disputes", "/v1/disputes/{id}/answer", "/v1/me/repairs", "/v1/me/repairs/{id}/appeal", "/v1/review/queue", "/v1/review/appeals/{id}", "/v1/me/notices" })
        {
            Assert.Contains(path, paths);
        }
    }
}
