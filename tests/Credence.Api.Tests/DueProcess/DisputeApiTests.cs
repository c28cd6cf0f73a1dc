using System.Net;

namespace Credence.Api.Tests.DueProcess;

/// <summary>Every refusal of opening and answering a dispute, through the API.</summary>
/// <remarks>
/// The tests that keep the clock still share a host (<see cref="SharedHost"/>) under subjects and record ids of their own; the
/// test of the answer deadline starts its own.
/// </remarks>
public class DisputeApiTests(SharedHost shared) : SharedHostTests(shared)
{
    [Fact]
    public async Task Opening_a_dispute_is_refused_for_another_subjects_record_as_for_an_unknown_one_an_open_dispute_and_an_empty_reason()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z1, z2) = (Unique.Person(), Unique.Id("Z"), Unique.Id("Z"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z1)));
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(Unique.Person(), z2)));

        // Another subject's record answers as one that does not exist: nothing tells Bob it is there.
        var others = await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z2, reason = "not mine" });
        await Problems.AssertAsync(others, HttpStatusCode.NotFound, "not-found");
        Assert.Equal($"there is no record {DueProcessHost.Court}/{z2}", (await ApiHost.Json(others)).Text("detail"));

        await Problems.AssertAsync(await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = "Z-404", reason = "what is this" }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, reason = "x" }), HttpStatusCode.BadRequest, "missing-field");

        var empty = await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z1, reason = "  " });
        await Problems.AssertAsync(empty, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("reason-required", (await ApiHost.Json(empty)).GetProperty("refusals")[0].Text("code"));

        await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z1, reason = "not me" }));
        var twice = await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z1, reason = "still not me" });
        await Problems.AssertAsync(twice, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("already-disputed", (await ApiHost.Json(twice)).GetProperty("refusals")[0].Text("code"));

        // Refusals change nothing: one dispute, and each refusal is in Bob's access log.
        var file = await host.FileAsync(bob);
        Assert.Single(file.GetProperty("disputes").EnumerateArray());
        Assert.Equal(4, file.GetProperty("accessLog").EnumerateArray().Count(e => e.Text("action") == "dispute.open" && e.Text("outcome") == "refused"));
    }

    [Fact]
    public async Task Answers_are_refused_from_the_wrong_source_after_the_deadline_twice_and_without_the_version()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var otherCourt = await host.KeyAsync("source", "other-court", recordTypes: ["judgment-defaulter"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-2")));
        var first = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = "Z-1", reason = "not me" }));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = "Z-2", reason = "paid long ago" }));
        var answer = $"/v1/disputes/{first.Text("id")}/answer";

        // Another source's dispute is "no such dispute", word for word, in every wording of its id.
        foreach (var id in new[] { first.Text("id"), first.Text("id").ToUpperInvariant(), $" {first.Text("id")}" })
        {
            var notTheirs = await host.PostAsync($"/v1/disputes/{Uri.EscapeDataString(id)}/answer", otherCourt, new { answer = "withdraw", reason = "we think so" });
            await Problems.AssertAsync(notTheirs, HttpStatusCode.NotFound, "not-found");
            Assert.Equal($"there is no dispute {id}", (await ApiHost.Json(notTheirs)).GetProperty("detail").GetString());
        }

        var unknown = await host.PostAsync("/v1/disputes/00000000000000000000000000000000/answer", otherCourt, new { answer = "withdraw", reason = "we think so" });
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "shrug", reason = "x" }), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { reason = "x" }), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.PostAsync("/v1/disputes/nope/answer", court, new { answer = "verify", reason = "x" }), HttpStatusCode.NotFound, "not-found");

        var missing = await host.PostAsync(answer, court, new { answer = "correct", reason = "the amount was wrong" });
        await Problems.AssertAsync(missing, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("version-required", (await ApiHost.Json(missing)).GetProperty("refusals")[0].Text("code"));
        var noReason = await host.PostAsync(answer, court, new { answer = "verify", reason = "" });
        Assert.Equal("reason-required", (await ApiHost.Json(noReason)).GetProperty("refusals")[0].Text("code"));

        // A correction brings its version through intake's rules (a line intake refuses is refused here too).
        var corrected = new { subject = ApiHost.Bob, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-21T00:00:00Z", sourceRecordId = "Z-1", legalBasis = "(2026) Enforcement No. Z-1, corrected", version = 2, action = "corrected" };
        await Problems.AssertAsync(await host.PostAsync(answer, court, new { answer = "correct", reason = "date", record = corrected with { } is var c ? new { c.subject, type = "nonsense", c.area, c.occurred, c.sourceRecordId, c.legalBasis, c.version, c.action } : null }),
            HttpStatusCode.UnprocessableEntity, "unknown-record-type");
        var ok = await DueProcessHost.Ok(host.PostAsync(answer, court, new { answer = "correct", reason = "the judgment date was wrong", record = corrected }));
        Assert.Equal(("corrected", 2), (ok.Text("state"), ok.GetProperty("answerVersion").GetInt32()));
        var again = await host.PostAsync(answer, court, new { answer = "verify", reason = "again" });
        await Problems.AssertAsync(again, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("not-open", (await ApiHost.Json(again)).GetProperty("refusals")[0].Text("code"));

        // After the deadline the answer is refused, and the dispute is resolved for the subject.
        host.Clock.SetUtcNow(second.Instant("dueAt"));
        var late = await host.PostAsync($"/v1/disputes/{second.Text("id")}/answer", court, new { answer = "verify", reason = "it stands" });
        await Problems.AssertAsync(late, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("not-open", (await ApiHost.Json(late)).GetProperty("refusals")[0].Text("code"));
        var states = (await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray().Select(d => d.Text("state")).ToList();
        Assert.Equal(["corrected", "resolved-for-subject"], states);
    }

    [Fact]
    public async Task Wrong_roles_are_refused_and_a_reviewer_can_neither_edit_records_nor_answer_disputes()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason = "not me" }));

        await Problems.AssertAsync(await host.PostAsync("/v1/me/disputes", null, new { source = DueProcessHost.Court, sourceRecordId = z, reason = "x" }), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.GetAsync("/v1/me/notices", "cred_nonsense"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/disputes", court, new { source = DueProcessHost.Court, sourceRecordId = z, reason = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.GetAsync("/v1/disputes", bob), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.GetAsync("/v1/me/notices", court), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.GetAsync("/v1/review/queue", bob), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", bob, new { answer = "withdraw", reason = "I say so" }), HttpStatusCode.Forbidden, "forbidden");

        // A reviewer has no way to change a record or decide a dispute.
        await Problems.AssertAsync(await host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", reviewer, new { answer = "withdraw", reason = "overruled" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync("/v1/records", reviewer, DueProcessHost.Defaulter(subject, z) is var _ ? new
        {
            subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-20T00:00:00Z", sourceRecordId = z, legalBasis = "x", version = 2, action = "withdrawn",
        } : null), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/repairs", reviewer, new { source = DueProcessHost.Court, sourceRecordId = z }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("open", Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray()).Text("state"));
        Assert.Single((await host.FileAsync(bob)).GetProperty("records").EnumerateArray());
    }
}
