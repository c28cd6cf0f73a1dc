using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests.DueProcess;

/// <summary>
/// A subject learns nothing about what is not its own: on every subject route that takes the id of a
/// record, dispute, repair application or share, another subject's id, in every format, answers
/// exactly as an id that does not exist (same status, type, title, fields and detail, the id aside).
/// </summary>
public sealed class NotYoursApiTests
{
    [Fact]
    public async Task Another_subjects_records_disputes_repairs_and_shares_answer_as_missing_ones()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var alice = await host.SubjectAsync("alice", ApiHost.Alice);
        await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["rail.g-train.ticket"], purpose: "lettings");
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Alice, "Z-2")));
        var aliceDispute = (await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", alice, new { source = DueProcessHost.Court, sourceRecordId = "Z-2", reason = "not me" }))).Text("id");
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees"]);
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Alice, "W-2", "2026-05-01T00:00:00Z")));
        var aliceRepair = await host.PostAsync("/v1/me/repairs", alice, new { source = "city-water", sourceRecordId = "W-2" });
        var aliceRepairBody = await ApiHost.Json(aliceRepair);
        Assert.True(aliceRepairBody.TryGetProperty(aliceRepair.StatusCode == HttpStatusCode.Created ? "id" : "caseId", out var repairId), aliceRepairBody.ToString());
        var aliceRepairId = repairId.GetString()!;
        var aliceShare = (await DueProcessHost.Created(host.PostAsync("/v1/me/shares", alice, new { relyingParty = "elm-lettings", validFor = "30d", purpose = "flat" }))).GetProperty("share").GetProperty("id").GetInt64();

        // Records: dispute and repair, by source and the source's id, in other spellings too.
        var records = new (string Source, string Id)[]
        {
            (DueProcessHost.Court, "Z-2"), (" " + DueProcessHost.Court + " ", " Z-2 "), (DueProcessHost.Court.ToUpperInvariant(), "Z-2"), (DueProcessHost.Court, "z-2"),
            (DueProcessHost.Court, "Ｚ-2"), (DueProcessHost.Court, "Z-404"), ("no-such-court", "Z-2"),
        };
        foreach (var route in new[] { "/v1/me/disputes", "/v1/me/repairs" })
        {
            var answers = new List<Answer>();
            foreach (var (source, id) in records)
            {
                object body = route.EndsWith("disputes", StringComparison.Ordinal) ? new { source, sourceRecordId = id, reason = "not mine" } : new { source, sourceRecordId = id };
                answers.Add(await Answer.OfAsync(host.PostAsync(route, bob, body), source.Trim(), id.Trim()));
            }

            AssertAllAlike(route, answers, HttpStatusCode.NotFound);
        }

        // Disputes and repair applications, by id: the other's, in other formats, and unknown ones.
        var guid = Guid.Parse(aliceDispute);
        foreach (var (route, id, body) in new (string, string, object)[] { ("/v1/me/disputes/{0}/escalate", aliceDispute, new { reason = "please" }), ("/v1/me/repairs/{0}/appeal", aliceRepairId, new { grounds = "please" }) })
        {
            var parsed = Guid.Parse(id);
            var ids = new[]
            {
                id, id.ToUpperInvariant(), parsed.ToString("N"), parsed.ToString("B"), Uri.EscapeDataString(" " + id), Guid.CreateVersion7().ToString("D"),
                Guid.Empty.ToString("D"), "not-a-guid", "0", "%E4%BA%89%E8%AE%AE", guid == parsed ? aliceRepairId : aliceDispute,
            };
            var answers = new List<Answer>();
            foreach (var asked in ids)
            {
                answers.Add(await Answer.OfAsync(host.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, asked), bob, body), Uri.UnescapeDataString(asked)));
            }

            AssertAllAlike(route, answers, HttpStatusCode.NotFound);
        }

        // Shares, by id: the other's (also with leading zeros or a sign) and unknown ones.
        var shareAnswers = new List<Answer>();
        foreach (var asked in new[] { $"{aliceShare}", $"00{aliceShare}", $"+{aliceShare}", "999999", "0", "-1" })
        {
            shareAnswers.Add(await Answer.OfAsync(host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{asked}", bob), asked, long.Parse(asked, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        AssertAllAlike("/v1/me/shares/{id}", shareAnswers, HttpStatusCode.NotFound);

        // Nothing of Alice's changed.
        var aliceFile = await host.FileAsync(alice);
        Assert.Equal("open", Assert.Single(aliceFile.GetProperty("disputes").EnumerateArray()).Text("state"));
        var share = (await ApiHost.Json(await host.GetAsync("/v1/me/shares", alice))).EnumerateArray().Single();
        Assert.True(!share.TryGetProperty("revokedAt", out var revoked) || revoked.ValueKind == JsonValueKind.Null, share.ToString());
    }

    private static void AssertAllAlike(string route, List<Answer> answers, HttpStatusCode status)
    {
        foreach (var answer in answers)
        {
            Assert.True(answer.Status == status, $"{route} with '{answer.Asked}': {(int)answer.Status} {answer.Raw}");
        }

        var shapes = answers.Select(a => a.Shape).Distinct().ToList();
        Assert.True(shapes.Count == 1, $"{route} answers differ:\n{string.Join('\n', shapes)}");
    }

    /// <summary>One answer, reduced to what must not differ: status, media type, problem type, title, field names, field and detail with the asked id blanked.</summary>
    private sealed record Answer(string Asked, HttpStatusCode Status, string Shape, string Raw)
    {
        public static async Task<Answer> OfAsync(Task<HttpResponseMessage> sending, params string[] asked)
        {
            var response = await sending;
            var raw = await response.Content.ReadAsStringAsync();
            var problem = JsonDocument.Parse(raw).RootElement;
            var detail = problem.GetProperty("detail").GetString()!;
            foreach (var text in asked.Where(a => a.Length > 0).OrderByDescending(a => a.Length))
            {
                detail = detail.Replace(text, "{id}", StringComparison.Ordinal);
            }

            var shape = string.Join(" | ",
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                problem.GetProperty("type").GetString(),
                problem.GetProperty("title").GetString(),
                string.Join(',', problem.EnumerateObject().Select(p => p.Name).Where(n => n != "instance")),
                problem.TryGetProperty("field", out var field) ? field.GetString() : "-",
                detail);
            return new Answer(asked[0], response.StatusCode, shape, raw);
        }
    }
}
