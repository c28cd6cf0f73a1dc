using System.Net;
using System.Text.Json;
using Credence.App.Grains;
using Credence.App.Http;
using Credence.App.Http.Documents;
using Credence.App.Output;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Credence.Api.Tests;

/// <summary>
/// Reads of a subject's file (<c>/v1/me</c>, <c>/v1/subjects/{id}</c>) are answered by the subject's grain
/// (from the held file when the store's writer, in the unit that logs the read, finds it current; docs/cluster.md): the answer is the use case's own, every read is logged once whether answered from
/// memory or the store, a write makes the grain forget before it is acknowledged, and a read the use case
/// refuses wakes no grain.
/// </summary>
public sealed class SubjectGrainReadTests
{
    private const string Ticket = SubjectGrainTests.Ticket;

    private static object Defaulter(string subject, string id, int version = 1, string? action = null) => SubjectGrainTests.Defaulter(subject, id, version, action);

    [Fact]
    public async Task A_read_through_the_grain_is_the_use_cases_own_and_a_write_after_it_is_in_the_next_read()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer");
        var active = host.Server.App.Services.GetRequiredService<ActiveSubjects>();
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);

        // Read cold (the grain reads the store), then warm (from memory), by the subject and by a reviewer
        // naming him in another spelling: each is the use case's own answer for the same moment.
        var cold = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(1, active.Count);
        var warm = await ReadAsync(host, "/v1/me", bob);
        await AssertAsTheUseCaseAsync(host, bob, warm);
        var byReviewer = await ReadAsync(host, "/v1/subjects/" + ApiHost.Bob.ToLowerInvariant() + "?purpose=" + Uri.EscapeDataString("复核 review"), reviewer);
        Assert.Equal(1, active.Count);
        Assert.Equal(Comparable(cold), Comparable(warm));
        Assert.Equal(Comparable(warm), Comparable(byReviewer));
        Assert.Equal(["Z-1"], RecordIds(warm));

        // A record taken in after the read is in the very next one (the grain forgot), and the assessment moves with it.
        var before = warm.GetProperty("assessment").GetRawText();
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-2"))).StatusCode);
        var after = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(["Z-1", "Z-2"], RecordIds(after));
        Assert.NotEqual(before, after.GetProperty("assessment").GetRawText());
        await AssertAsTheUseCaseAsync(host, bob, after);

        // A batch (NDJSON) withdrawing it, read by the reviewer.
        var ndjson = JsonSerializer.Serialize(Defaulter(ApiHost.Bob, "Z-2", version: 2, action: "withdrawn")) + "\n";
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(ndjson, "application/x-ndjson"))).StatusCode);
        var withdrawn = await ReadAsync(host, "/v1/subjects/" + ApiHost.Bob + "?purpose=review", reviewer);
        Assert.Equal(3, withdrawn.GetProperty("records").GetArrayLength());
        await AssertAsTheUseCaseAsync(host, bob, withdrawn);
        Assert.NotEqual(after.GetProperty("assessment").GetRawText(), withdrawn.GetProperty("assessment").GetRawText());

        // A dispute flags the record, and its answer (a withdrawal) removes it: both in the next read.
        var opened = await host.PostAsync("/v1/me/disputes", bob, new { source = "intermediate-court", sourceRecordId = "Z-1", reason = "paid in full" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var disputed = await ReadAsync(host, "/v1/me", bob);
        await AssertAsTheUseCaseAsync(host, bob, disputed);
        var dispute = (await ApiHost.Json(opened)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync($"/v1/disputes/{dispute}/answer", court, new { answer = "withdraw", reason = "paid in full" })).StatusCode);
        var answered = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(4, answered.GetProperty("records").GetArrayLength());
        await AssertAsTheUseCaseAsync(host, bob, answered);

        // Collected and woken again: the same answer.
        await host.Server.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, active.Count);
        var woken = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(Comparable(answered), Comparable(woken));
    }

    [Fact]
    public async Task A_decision_and_a_read_share_the_held_file_and_neither_answers_from_it_after_a_write()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);

        // The decision holds Bob's empty file; the read answers from it, then a record is taken in.
        var decided = await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = Ticket });
        Assert.Equal("allowed", (await ApiHost.Json(decided)).GetProperty("outcome").GetString());
        Assert.Empty(RecordIds(await ReadAsync(host, "/v1/me", bob)));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);

        // The read after it has the record, and the decision after the read (which held the new file) denies.
        var read = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(["Z-1"], RecordIds(read));
        await AssertAsTheUseCaseAsync(host, bob, read);
        var denied = await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = Ticket });
        Assert.Equal("denied", (await ApiHost.Json(denied)).GetProperty("outcome").GetString());
        Assert.Equal(1, host.Server.App.Services.GetRequiredService<ActiveSubjects>().Count);
    }

    [Fact]
    public async Task Every_read_is_logged_and_ledgered_once_whether_answered_from_memory_or_the_store()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var auditor = await host.KeyAsync("auditor", "auditor");
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"));

        var indexes = new List<string>();
        async Task ReadAgainAsync(string path, string key)
        {
            var response = await host.GetAsync(path, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            indexes.Add(Assert.Single(response.Headers.GetValues(LedgerEndpoints.IndexHeader)));
        }

        // Cold, warm, warm, after a write (the store again), warm, by an auditor, after a collection.
        await ReadAgainAsync("/v1/me", bob);
        await ReadAgainAsync("/v1/me", bob);
        await ReadAgainAsync("/v1/me", bob);
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-2"));
        await ReadAgainAsync("/v1/me", bob);
        await ReadAgainAsync("/v1/me", bob);
        await ReadAgainAsync("/v1/subjects/" + ApiHost.Bob + "?purpose=audit", auditor);
        await host.Server.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await ReadAgainAsync("/v1/me", bob);

        // Seven reads, seven access events and seven ledger entries, each read's own.
        Assert.Equal(7, indexes.Distinct().Count());
        var log = await ApiHost.Json(await host.GetAsync("/v1/access-log?limit=1000&purpose=check", auditor));
        var reads = log.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "subject.read" && e.GetProperty("subject").GetString() == ApiHost.Bob).ToList();
        Assert.Equal(7, reads.Count);
        Assert.Equal(6, reads.Count(e => e.GetProperty("principal").GetString() == "bob"));
    }

    [Fact]
    public async Task A_read_the_ledger_cannot_log_is_ledger_unavailable_through_the_grain_and_no_file_is_answered()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer");
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"));
        Assert.Equal(["Z-1"], RecordIds(await ReadAsync(host, "/v1/me", bob)));

        // The grain holds the file, but a read that cannot be logged is not answered, warm or cold.
        ApiStore.Execute(host.Store, ApiStore.IsPostgres
            ? "CREATE FUNCTION ledger_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger disk gone'; END $$; CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_down()"
            : "CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger disk gone'); END");
        await Problems.AssertAsync(await host.GetAsync("/v1/me", bob), HttpStatusCode.ServiceUnavailable, "ledger-unavailable");
        await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + ApiHost.Bob + "?purpose=x", reviewer), HttpStatusCode.ServiceUnavailable, "ledger-unavailable");
        ApiStore.Execute(host.Store, ApiStore.IsPostgres ? "DROP TRIGGER ledger_down ON ledger_entries" : "DROP TRIGGER ledger_down");

        var after = await ReadAsync(host, "/v1/me", bob);
        Assert.Equal(2, after.GetProperty("accessLog").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "subject.read"));
    }

    [Fact]
    public async Task A_read_the_use_case_refuses_is_refused_as_before_and_wakes_no_grain()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer");
        var auditor = await host.KeyAsync("auditor", "auditor");
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Alice, "Z-1"));
        var active = host.Server.App.Services.GetRequiredService<ActiveSubjects>();

        // No key, a wrong one; a source, a relying party, the operator, another subject (in every spelling of Alice's number).
        await Problems.AssertAsync(await host.GetAsync("/v1/me", "not-a-key"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + ApiHost.Alice + "?purpose=x"), HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var key in new[] { court, rail })
        {
            await Problems.AssertAsync(await host.GetAsync("/v1/me", key), HttpStatusCode.Forbidden, "forbidden");
            await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + ApiHost.Alice + "?purpose=tickets", key), HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var alice in new[] { ApiHost.Alice, ApiHost.Alice.ToLowerInvariant() })
        {
            await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + Uri.EscapeDataString(alice), bob), HttpStatusCode.Forbidden, "forbidden");
            await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + Uri.EscapeDataString(alice) + "?purpose=own%20file", bob), HttpStatusCode.Forbidden, "forbidden");
        }

        // A reviewer or auditor without a purpose (none, blank, full-width space), or with an unreadable one.
        foreach (var key in new[] { reviewer, auditor })
        {
            foreach (var purpose in new[] { string.Empty, "?purpose=", "?purpose=%20%20", "?purpose=%E3%80%80" })
            {
                await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + ApiHost.Alice + purpose, key), HttpStatusCode.BadRequest, "purpose-required");
            }

            var control = await host.GetAsync("/v1/subjects/" + ApiHost.Alice + "?purpose=a%00b", key);
            Assert.True(control.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, control.StatusCode.ToString());
        }

        // Identifiers that are not one: a wrong check digit, full-width digits, Chinese, letters.
        foreach (var subject in new[] { "440524188001010015", "４４０５２４１８８００１０１００１４", "鲍勃", "not-an-id" })
        {
            var refused = await host.GetAsync("/v1/subjects/" + Uri.EscapeDataString(subject) + "?purpose=review", reviewer);
            Assert.True(refused.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{subject}: {refused.StatusCode}");
        }

        Assert.Equal(0, active.Activations);

        // The refusals are in Alice's access log, as before (the reviewer's read that shows them is the first to wake her grain).
        var file = await ReadAsync(host, "/v1/subjects/" + ApiHost.Alice + "?purpose=check", reviewer);
        var log = file.GetProperty("accessLog").EnumerateArray().ToList();
        Assert.Equal(2, log.Count(e => e.GetProperty("principal").GetString() is "intermediate-court" or "rail" && e.GetProperty("outcome").GetString() == "forbidden"));
        Assert.Equal(4, log.Count(e => e.GetProperty("principal").GetString() == "bob" && e.GetProperty("outcome").GetString() == "forbidden"));
        Assert.Equal(1, active.Activations);
    }

    [Fact]
    public async Task Two_cluster_registries_on_one_store_read_the_same_file_and_a_write_on_either_is_in_the_next_read_on_both()
    {
        await using var cluster = new ClusterOnOneStore("grain-read-test");
        var (a, clientA) = await cluster.StartAsync();
        var keys = await SubjectGrainTests.SetUpAsync(a, clientA);
        var reviewer = (await a.Registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Reviewer, "reviewer"))).GetValueOrThrow().Key;
        var (_, clientB) = await cluster.StartAsync();
        await cluster.MembersAsync();

        // Several subjects, so that their grains land on both silos; each read first on B (its grain holds the file).
        var subjects = new[] { ApiHost.Bob, ApiHost.Alice, "44052419900307447X", "110105198001010016", "440524200001010013" };
        foreach (var subject in subjects)
        {
            Assert.Empty(RecordIds(await ReadAsync(clientB, subject, reviewer)));
        }

        Assert.True(cluster.Servers.Sum(s => s.App.Services.GetRequiredService<ActiveSubjects>().Count) >= subjects.Length);

        // Taken in on A, read on B at once (and on A the same file); withdrawn on B, read on A.
        foreach (var (subject, n) in subjects.Select((s, n) => (s, n)))
        {
            Assert.Equal(HttpStatusCode.Created, (await SubjectGrainTests.Send(clientA, "/v1/records", keys.Court, Defaulter(subject, "C-" + n))).StatusCode);
            var onB = await ReadAsync(clientB, subject, reviewer);
            var onA = await ReadAsync(clientA, subject, reviewer);
            Assert.Equal(["C-" + n], RecordIds(onB));
            Assert.Equal(Timeless(onB), Timeless(onA));

            Assert.Equal(HttpStatusCode.Created, (await SubjectGrainTests.Send(clientB, "/v1/records", keys.Court, Defaulter(subject, "C-" + n, version: 2, action: "withdrawn"))).StatusCode);
            var withdrawnOnA = await ReadAsync(clientA, subject, reviewer);
            var withdrawnOnB = await ReadAsync(clientB, subject, reviewer);
            Assert.Equal(2, withdrawnOnA.GetProperty("records").GetArrayLength());
            Assert.Equal(Timeless(withdrawnOnA), Timeless(withdrawnOnB));
        }
    }

    private static async Task<JsonElement> ReadAsync(ApiHost host, string path, string key)
    {
        var response = await host.GetAsync(path, key);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await ApiHost.Json(response);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string subject, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/subjects/" + subject + "?purpose=review");
        request.Headers.Authorization = new("Bearer", key);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{subject}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiHost.Json(response);
    }

    /// <summary>
    /// Asserts that <paramref name="read"/> (the last read through the grain) is exactly what the use case answers
    /// without a grain at the same instant (the fake clock stands still), but for the use case's own read, which
    /// is newest in its access log.
    /// </summary>
    private static async Task AssertAsTheUseCaseAsync(ApiHost host, string key, JsonElement read)
    {
        var principal = (await host.Server.Registry.Principals.AuthenticateAsync("Bearer " + key, "subject.read")).GetValueOrThrow();
        var direct = (await host.Server.Registry.Subjects.ReadOwnAsync(principal)).GetValueOrThrow();
        var expected = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(SubjectFileDocument.From(direct), CredenceJson.Compact)).RootElement;
        Assert.Equal(Comparable(expected), Comparable(read));
        var log = expected.GetProperty("accessLog").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Equal(log.Skip(1), read.GetProperty("accessLog").EnumerateArray().Select(e => e.GetRawText()));
    }

    /// <summary>A file's document without its access log (which every read adds to).</summary>
    private static string Comparable(JsonElement file) =>
        JsonSerializer.Serialize(file.EnumerateObject()
            .Where(p => p.Name != "accessLog")
            .ToDictionary(p => p.Name, p => p.Value.GetRawText()));

    /// <summary>A file's document read on a real clock, without its access log and the instants it was evaluated at (<c>asOf</c>, at any depth).</summary>
    private static string Timeless(JsonElement file)
    {
        static object? Strip(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Where(p => p.Name is not ("asOf" or "accessLog")).ToDictionary(p => p.Name, p => Strip(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().Select(Strip).ToList(),
            _ => e.GetRawText(),
        };

        return JsonSerializer.Serialize(Strip(file));
    }

    private static List<string> RecordIds(JsonElement file) =>
        [.. file.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("sourceRecordId").GetString()!).Distinct()];
}
