using System.Net;

namespace Credence.Api.Tests.DueProcess;

/// <summary>The inbox: newest first, paged, with reasons, policy version and next steps; and the due-process routes in the OpenAPI document.</summary>
/// <remarks>
/// The tests share a host (<see cref="SharedHost"/>) under subjects and record ids of their own.
/// </remarks>
public class NoticeApiTests(SharedHost shared) : SharedHostTests(shared)
{
    [Fact]
    public async Task Notices_are_paged_newest_first_and_their_reads_are_logged()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "china-railway", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var (subject, aliceId) = (Unique.Person(), Unique.Person());
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, Unique.Id("Z"))));
        await DueProcessHost.Created(host.PostAsync("/v1/decisions", rail, new { subject, measure = "rail.g-train.ticket" }));
        await DueProcessHost.Created(host.PostAsync("/v1/decisions", rail, new { subject = aliceId, measure = "rail.g-train.ticket" }));

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
        var alice = await host.SubjectAsync(Unique.Id("alice"), aliceId);
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/me/notices", alice))).EnumerateArray());
        var file = await host.FileAsync(bob);
        Assert.Equal(2, file.GetProperty("noticeCount").GetInt32());
        Assert.Equal(2, file.GetProperty("notices").GetArrayLength());
        Assert.Equal(3, file.GetProperty("accessLog").EnumerateArray().Count(e => e.Text("action") == "notices.read"));
    }

    [Fact]
    public async Task A_benefit_not_granted_is_explained_to_the_relying_party_and_the_subject_without_an_appeal()
    {
        var host = await HostAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees"]);
        var court = await host.CourtAsync();
        var landlord = await host.KeyAsync("relying-party", "bike-share", capabilities: ["deposit-free-rental"], purpose: "deposit-free rental");
        var rail = await host.KeyAsync("relying-party", "china-railway", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var (subject, w, z) = (Unique.Person(), Unique.Id("W"), Unique.Id("Z"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(subject, w, "2026-05-01T00:00:00Z")));

        // The relying party hears "not granted", the unmet condition with grade needed and held, and the way forward.
        var answer = await DueProcessHost.Created(host.PostAsync("/v1/decisions", landlord, new { subject, measure = "deposit-free-rental" }));
        Assert.Equal(("not-granted", false), (answer.Text("outcome"), answer.GetProperty("allowed").GetBoolean()));
        var reasons = answer.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["GRADE.BELOW.AA", "RECORD.late-utility-fees"], reasons.Select(r => r.Text("code")));
        Assert.Contains("grade A", reasons[0].Text("text"), StringComparison.Ordinal);
        Assert.Contains(answer.GetProperty("forward").EnumerateArray(), f => f.Text("code") == "earn-points");

        // The subject hears it too, as its own kind of notice naming the decision: explained, with next steps, no appeal.
        var notice = (await host.NoticesAsync(bob))[0];
        Assert.Equal("benefit-not-granted", notice.Text("kind"));
        Assert.Equal(("decision", answer.Text("decisionId")), (notice.GetProperty("about").Text("kind"), notice.GetProperty("about").Text("id")));
        var steps = notice.GetProperty("nextSteps").EnumerateArray().Select(s => s.Text("action")).ToList();
        Assert.Contains("earn-points", steps);
        Assert.DoesNotContain("appeal", steps);
        Assert.DoesNotContain("none", steps);

        // Read back, the answer is the same.
        var again = await DueProcessHost.Ok(host.GetAsync($"/v1/decisions/{answer.Text("decisionId")}", landlord));
        Assert.Equal("not-granted", again.Text("outcome"));
        Assert.Equal(answer.GetProperty("forward").GetArrayLength(), again.GetProperty("forward").GetArrayLength());

        // A G-train ticket denied through the defaulter list names the listing and its record only, not the utility fees.
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));
        var denial = await DueProcessHost.Created(host.PostAsync("/v1/decisions", rail, new { subject, measure = "rail.g-train.ticket" }));
        Assert.Equal("denied", denial.Text("outcome"));
        var listed = Assert.Single(denial.GetProperty("reasons").EnumerateArray());
        Assert.Equal("LISTED.court-defaulters", listed.Text("code"));
        Assert.Equal([$"{DueProcessHost.Court}/{z}"], listed.GetProperty("records").EnumerateArray().Select(r => r.GetString()));
        var adverse = (await host.NoticesAsync(bob))[0];
        Assert.Equal(("adverse-decision", denial.Text("decisionId")), (adverse.Text("kind"), adverse.GetProperty("about").Text("id")));
        Assert.DoesNotContain(adverse.GetProperty("nextSteps").EnumerateArray(), s => s.Text("text").Contains(w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_due_process_routes()
    {
        var host = await HostAsync();
        var openapi = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/v1/me/disputes", "/v1/disputes", "/v1/disputes/{id}/answer", "/v1/me/repairs", "/v1/me/repairs/{id}/appeal", "/v1/review/queue", "/v1/review/appeals/{id}", "/v1/me/notices" })
        {
            Assert.Contains(path, paths);
        }
    }
}
