using System.Globalization;
using System.Net;
using System.Text;
using Credence.Core.DueProcess;
using Credence.Registry.Access;
using Credence.Registry.Public;

namespace Credence.Api.Tests.State;

/// <summary>
/// Real HTTP clients race a charity's large batch against a court's single records, withdrawals and
/// relying parties' decisions on the same subjects (issue 11, 8). Whatever order the server checks
/// and commits them in, every request is acknowledged, and afterwards every subject's stored state
/// is a fresh assessment at its instant, the public list names exactly the subjects the files list,
/// no listing ends before it starts, and no list notice contradicts the one before it.
/// </summary>
/// <remarks>
/// The clock ticks on each read, so the requests take distinct instants in the order they read the
/// clock; which order that is, is up to the threads. Nothing is timed: the assertions hold for every
/// order, and a bounded number of rounds gives the races their chances.
/// </remarks>
public sealed class ConcurrentSubmissionTests
{
    private const int Subjects = 12;
    private const int Rounds = 6;
    private const int BatchLines = 3000;

    [Fact]
    public async Task A_batch_racing_single_records_on_its_subjects_leaves_every_stored_state_exact()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var charity = await host.KeyAsync("source", "charity", recordTypes: ["volunteering"]);
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "ticket sales");
        var auditor = await host.KeyAsync("auditor", "auditor");
        var subjects = Enumerable.Range(0, Subjects).Select(Person).ToList();
        host.Clock.Tick = TimeSpan.FromMilliseconds(1);

        for (var round = 0; round < Rounds; round++)
        {
            var requests = new List<Task<HttpResponseMessage>>
            {
                host.SendAsync(HttpMethod.Post, "/v1/records/batch", charity, ApiHost.Text(Batch(round, subjects), "application/x-ndjson")),
            };
            for (var i = 0; i < subjects.Count; i++)
            {
                // Odd rounds withdraw the even round's record of every other subject; the rest get a new one.
                requests.Add(round % 2 == 1 && i % 2 == 0
                    ? host.PostAsync("/v1/records", court, Defaulter(subjects[i], $"d{round - 1}-{i}", version: 2))
                    : host.PostAsync("/v1/records", court, Defaulter(subjects[i], $"d{round}-{i}")));
                requests.Add(host.PostAsync("/v1/decisions", rail, new { subject = subjects[i], measure = "rail.g-train.ticket" }));
            }

            foreach (var response in await Task.WhenAll(requests))
            {
                Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            Assert.Empty(await ProblemsAsync(host, subjects, auditor));
        }
    }

    private static async Task<List<string>> ProblemsAsync(ApiHost host, List<string> subjects, string auditor)
    {
        var registry = host.Server.Registry;
        var problems = (await registry.State.CheckAsync(Principal.LocalOperator())).GetValueOrThrow().Select(d => d.ToString()).ToList();
        var page = await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters?page=1&pageSize=500"));
        var shown = page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("subject").GetString()).ToHashSet(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            var file = await host.GetAsync($"/v1/subjects/{subject}?purpose=state%20check", auditor);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var listed = (await ApiHost.Json(file)).GetProperty("assessment").GetProperty("listings").EnumerateArray().Any(l => l.GetProperty("list").GetString() == "court-defaulters");
            if (listed != shown.Contains(PublicService.Mask(subject, Core.Identifiers.SubjectKind.Person)))
            {
                problems.Add($"{subject}: the file says listed={listed}, the public list disagrees");
            }

            var rows = await registry.Store.ReadAsync(r => r.SubjectListings(subject, openOnly: false));
            problems.AddRange(rows.Where(r => r.EndedAt < r.Since).Select(r => $"{subject}: listing {r.Id} ends at {r.EndedAt:o}, before it starts at {r.Since:o}"));
            var notices = (await registry.Store.ReadAsync(r => r.SubjectNotices(subject, int.MaxValue)))
                .Where(n => n.Kind is NoticeKind.Listed or NoticeKind.Delisted).OrderBy(n => n.Id).ToList();
            for (var i = 1; i < notices.Count; i++)
            {
                if (notices[i].Kind == notices[i - 1].Kind || notices[i].At < notices[i - 1].At)
                {
                    problems.Add($"{subject}: notice {notices[i].Id} ({notices[i].Kind} at {notices[i].At:o}) contradicts notice {notices[i - 1].Id} ({notices[i - 1].Kind} at {notices[i - 1].At:o})");
                }
            }
        }

        return problems;
    }

    private static string Batch(int round, List<string> subjects)
    {
        var text = new StringBuilder();
        for (var n = 0; n < BatchLines; n++)
        {
            // The race's subjects sit in the middle and at the end of the batch, among strangers.
            var subject = n % (BatchLines / Subjects) == BatchLines / Subjects / 2 ? subjects[n / (BatchLines / Subjects)] : Person(1000 + n);
            text.Append(CultureInfo.InvariantCulture, $"{{\"subject\":\"{subject}\",\"type\":\"volunteering\",\"area\":\"social\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"v{round}-{n}\"}}\n");
        }

        return text.ToString();
    }

    private static object Defaulter(string subject, string id, int version = 1) => version == 1
        ? new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id }
        : new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id, version, action = "withdrawn", note = "performed in full" };

    private static string Person(int n) => Core.Identifiers.ResidentIdentityNumber.Create("310101", new DateOnly(1960, 1, 1).AddDays(n), 11);
}
