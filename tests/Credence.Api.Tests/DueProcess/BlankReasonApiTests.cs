using System.Net;
using System.Text;

namespace Credence.Api.Tests.DueProcess;

/// <summary>
/// A reason that shows nothing is no reason: zero-width characters, the byte order mark, no-break and
/// ideographic spaces, bidirectional marks, fillers and lone combining marks, alone or mixed, in every
/// place a person must give one (opening, answering, escalating a dispute; appealing a refused repair).
/// </summary>
/// <remarks>
/// The cases share a host (<see cref="SharedHost"/>): each disputes a record of a subject of its own, so "nothing is opened" is
/// that subject's list of disputes.
/// </remarks>
public class BlankReasonApiTests(SharedHost shared) : SharedHostTests(shared)
{
    public static TheoryData<string> Blanks => new()
    {
        "\u200B",                                   // zero-width space
        "\u200B\u200B\u200B\u200B\u200B\u200B",
        "\u200C\u200D",                             // zero-width non-joiner and joiner
        "\u2060\u2061\u2062\u2063\u2064",           // word joiner and invisible operators
        "\uFEFF",                                   // byte order mark / zero-width no-break space
        "\u00A0\u00A0",                             // no-break spaces
        "\u3000\u3000",                             // ideographic spaces
        "\u200E\u200F\u061C",                       // left-to-right, right-to-left and Arabic letter marks
        "\u00AD",                                   // soft hyphen
        "\u034F",                                   // combining grapheme joiner
        "\u0301\u0308",                             // lone combining marks
        "\uFE0F\uFE0E",                             // variation selectors
        "\u3164\uFFA0\u115F\u1160",                 // Hangul fillers
        "\u2800\u2800",                             // braille blank
        "\u180E",                                   // Mongolian vowel separator
        "\u2028\u2029",                             // line and paragraph separators
        "\u202F\u205F\u2007\u2009",                 // narrow, medium mathematical, figure and thin spaces
        "\U000E0020\U000E0041",                     // tag characters
        " \t\r\n\u200B\u3000\uFEFF\u00A0 ",         // all of it mixed with ordinary white space
    };

    [Theory]
    [MemberData(nameof(Blanks))]
    public async Task A_dispute_with_a_reason_that_shows_nothing_is_refused_and_nothing_is_opened(string blank)
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));

        var refused = await host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason = blank });
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("reason-required", (await ApiHost.Json(refused)).GetProperty("refusals")[0].Text("code"));

        // The same text sent as raw UTF-8 JSON (not escaped by the serializer) is refused alike.
        var raw = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"source\":\"" + DueProcessHost.Court + "\",\"sourceRecordId\":\"" + z + "\",\"reason\":\"" + Escape(blank) + "\"}"));
        raw.Headers.ContentType = new("application/json");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/me/disputes", bob, raw), HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray());

        // A visible character among the invisible ones is a reason.
        await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason = blank + "不是我" + blank }));
    }

    [Fact]
    public async Task An_answer_an_escalation_and_an_appeal_that_show_nothing_are_refused()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var (subject, z, w) = (Unique.Person(), Unique.Id("Z"), Unique.Id("W"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason = "not me" }));
        var id = dispute.Text("id");

        foreach (var blank in new[] { "\u200B\u200B", "\u3000", "\uFEFF\u00A0", "\u2800" })
        {
            var answer = await host.PostAsync($"/v1/disputes/{id}/answer", court, new { answer = "verify", reason = blank });
            await Problems.AssertAsync(answer, HttpStatusCode.UnprocessableEntity, "dispute-refused");
            Assert.Equal("reason-required", (await ApiHost.Json(answer)).GetProperty("refusals")[0].Text("code"));
        }

        await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{id}/answer", court, new { answer = "verify", reason = "the judgment names this number" }));
        var escalate = await host.PostAsync($"/v1/me/disputes/{id}/escalate", bob, new { reason = "\u200D\u200C\u3000" });
        Assert.Equal("reason-required", (await ApiHost.Json(escalate)).GetProperty("refusals")[0].Text("code"));

        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(subject, w, "2026-05-01T00:00:00Z")));
        var repair = await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = w });
        var caseId = (await ApiHost.Json(repair)).Text("caseId");
        var appeal = await host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "\uFEFF\u200B\u00AD" });
        await Problems.AssertAsync(appeal, HttpStatusCode.UnprocessableEntity, "appeal-refused");
        Assert.Equal("grounds-required", (await ApiHost.Json(appeal)).GetProperty("refusals")[0].Text("code"));
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
