using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Credence.Cluster.Tests;

/// <summary>
/// <c>kill -9</c> of one of three silos while six clients submit record batches and ask decisions through
/// all three: every acknowledged write is in the store afterwards, no batch is half-applied, the survivors
/// keep answering (the subjects the dead silo served included), and <c>credence verify</c> passes.
/// </summary>
public sealed class SiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 6;
    private const int Rounds = 12;
    private const int Lines = 4;
    private const int Subjects = 24;

    /// <summary>The silo is killed once this many batches were acknowledged: a third of them, with the clients still busy on every silo.</summary>
    private const int KillAfter = Clients * Rounds / 3;

    /// <summary>A generous bound on how long a survivor may take to answer after the kill (never a tight timing on a shared machine).</summary>
    private static readonly TimeSpan SurvivorBound = TimeSpan.FromSeconds(30);

    private static readonly string Occurred = DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private RegistryCluster? cluster;

    public async Task InitializeAsync() => cluster = await RegistryCluster.StartAsync(3);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_killed_under_load_loses_no_acknowledged_write_half_applies_no_batch_and_the_survivors_answer()
    {
        var c = cluster!;
        var silos = c.Silos;
        var victim = silos[2];
        var survivors = silos.Take(2).ToList();
        var clock = Stopwatch.StartNew();
        var attempts = new ConcurrentBag<Attempt>();
        var acknowledgedBatches = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killedAt = -1.0;

        async Task Client(int client)
        {
            for (var round = 0; round < Rounds; round++)
            {
                var ids = Enumerable.Range(0, Lines).Select(l => $"k{client}-{round}-{l}").ToList();
                var subjects = Enumerable.Range(0, Lines).Select(l => PersonIds.Person(1 + (((client * Rounds * Lines) + (round * Lines) + l) % Subjects))).ToList();
                var lines = ids.Select((id, l) => JsonSerializer.Serialize(new
                {
                    subject = subjects[l], type = "judgment-defaulter", area = "judicial", occurred = Occurred, sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id,
                }));
                var batch = await Send(client, round, "batch", silos[(client + round) % 3], "/v1/records/batch", c.CourtKey, () => RegistryCluster.Ndjson(lines), ids, subjects[0]);
                if (batch.Acknowledged && Interlocked.Increment(ref acknowledgedBatches) == KillAfter)
                {
                    killNow.TrySetResult();
                }

                await Send(client, round, "decision", silos[(client + round + 1) % 3], "/v1/decisions", c.RailwayKey, () => RegistryCluster.Body(new { subject = subjects[0], measure = RegistryCluster.Measure }), [], subjects[0]);
            }
        }

        async Task<Attempt> Send(int client, int round, string kind, SiloProcess silo, string path, string key, Func<HttpContent> body, IReadOnlyList<string> records, string subject)
        {
            var started = clock.Elapsed.TotalSeconds;
            int? status = null;
            JsonElement? json = null;
            try
            {
                using var response = await RegistryCluster.SendAsync(silo.Client, HttpMethod.Post, path, key, body());
                status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null;
            }
            catch (HttpRequestException)
            {
                // The silo is gone (refused, or reset mid-request): not acknowledged.
            }

            var attempt = new Attempt(client, round, kind, silo.Name, started, clock.Elapsed.TotalSeconds, status, json, records, subject);
            attempts.Add(attempt);
            return attempt;
        }

        var killer = Task.Run(async () =>
        {
            await killNow.Task;
            killedAt = clock.Elapsed.TotalSeconds;
            await victim.KillAsync();
        });
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(Client));
        await killer.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(victim.HasExited, "the killed silo still runs");
        Assert.True(killedAt > 0, "the silo was never killed");
        Assert.All(survivors, s => Assert.False(s.HasExited, $"survivor {s.Name} died:\n{s.Log}"));

        // The subjects whose last request went to the dead silo answer from each survivor.
        var heldByVictim = attempts.Where(a => a.Silo == victim.Name).Select(a => a.Subject).Distinct(StringComparer.Ordinal).ToList();
        var handover = Stopwatch.StartNew();
        foreach (var survivor in survivors)
        {
            foreach (var subject in heldByVictim)
            {
                var waited = Stopwatch.StartNew();
                await c.Until($"{survivor.Name} decides for {subject}", async () =>
                {
                    using var response = await RegistryCluster.SendAsync(survivor.Client, HttpMethod.Post, "/v1/decisions", c.RailwayKey, RegistryCluster.Body(new { subject, measure = RegistryCluster.Measure }));
                    return response.IsSuccessStatusCode;
                });
                Assert.True(waited.Elapsed < SurvivorBound, $"{survivor.Name} took {waited.Elapsed.TotalSeconds:0.0} s to decide for {subject}");
            }
        }

        // What the store holds, read back through the survivors: every test subject's file.
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        var decisions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 1; n <= Subjects; n++)
        {
            var subject = PersonIds.Person(n);
            var file = await c.FileAsync(survivors[n % 2].Client, subject);
            foreach (var record in file.GetProperty("records").EnumerateArray())
            {
                Assert.Equal(1, record.GetProperty("version").GetInt32());
                Assert.True(present.TryAdd(record.GetProperty("sourceRecordId").GetString()!, subject), "a record version twice");
            }

            foreach (var decision in file.GetProperty("decisions").EnumerateArray())
            {
                decisions[decision.GetProperty("decisionId").GetString()!] = decision.GetProperty("outcome").GetString()!;
            }
        }

        var batches = attempts.Where(a => a.Kind == "batch").ToList();
        var acknowledged = batches.Where(a => a.Acknowledged).ToList();
        var unacknowledged = batches.Where(a => !a.Acknowledged).ToList();
        var lost = new List<string>();
        foreach (var batch in acknowledged)
        {
            // Every line of an acknowledged batch was accepted (fresh ids), and each is stored.
            var fates = batch.Body!.Value.GetProperty("fates").EnumerateArray().Select(f => f.GetProperty("fate").GetString()).ToList();
            Assert.Equal(Enumerable.Repeat("accepted", Lines), fates);
            lost.AddRange(batch.Records.Where(id => !present.ContainsKey(id)));
        }

        var halfApplied = batches.Where(b => b.Records.Count(present.ContainsKey) is not 0 and not Lines).Select(b => $"{b.Silo} {b.Records[0]}").ToList();
        var committedUnacknowledged = unacknowledged.Count(b => b.Records.All(present.ContainsKey));
        var inFlight = attempts.Count(a => a.Silo == victim.Name && a.Started < killedAt && a.Ended >= killedAt);
        Assert.Empty(lost);
        Assert.Empty(halfApplied);
        Assert.All(unacknowledged, b => Assert.True(b.Silo == victim.Name, $"a batch to survivor {b.Silo} was not acknowledged: {b.Status} {b.Body}\n{c.Logs()}"));
        Assert.Equal(Lines * (acknowledged.Count + committedUnacknowledged), present.Count);
        Assert.Equal(present.Keys.Order(StringComparer.Ordinal), batches.Where(b => b.Records.All(present.ContainsKey)).SelectMany(b => b.Records).Order(StringComparer.Ordinal));

        var asked = attempts.Where(a => a.Kind == "decision").ToList();
        var answered = asked.Where(a => a.Acknowledged).ToList();
        var missingDecisions = answered.Where(a => !decisions.ContainsKey(a.Body!.Value.GetProperty("decisionId").GetString()!)).ToList();
        Assert.Empty(missingDecisions);
        Assert.All(answered, a => Assert.Equal(a.Body!.Value.GetProperty("outcome").GetString(), decisions[a.Body!.Value.GetProperty("decisionId").GetString()!]));
        Assert.All(asked.Where(a => !a.Acknowledged), a => Assert.True(a.Silo == victim.Name, $"a decision through survivor {a.Silo} was not answered: {a.Status} {a.Body}"));

        // The survivors kept answering: every request to them after the kill was answered, within the bound.
        var afterKill = attempts.Where(a => a.Silo != victim.Name && a.Ended > killedAt).ToList();
        Assert.All(afterKill, a => Assert.True(a.Acknowledged, $"{a.Kind} to {a.Silo} after the kill: {a.Status} {a.Body}"));
        var slowest = afterKill.Count == 0 ? 0 : afterKill.Max(a => a.Ended - a.Started);
        var firstAnswers = survivors.Select(s => afterKill.Where(a => a.Silo == s.Name && a.Started >= killedAt).Select(a => a.Ended - killedAt).DefaultIfEmpty(double.NaN).Min()).ToList();
        Assert.True(slowest < SurvivorBound.TotalSeconds, $"a survivor took {slowest:0.0} s to answer after the kill");

        // Every silo stopped the hard way; the ledger still verifies against the store.
        foreach (var survivor in survivors)
        {
            await survivor.KillAsync();
        }

        var (exit, verified) = await c.VerifyAsync();
        Assert.True(exit == 0, $"credence verify failed:\n{verified}");
        Assert.Contains("consistent:", verified, StringComparison.Ordinal);

        output.WriteLine($"kill -9 of {victim.Name} (pid {victim.Pid}) at {killedAt:0.00} s, after {KillAfter} acknowledged batches, with {inFlight} requests in flight to it; {Clients} clients x {Rounds} rounds = {Clients * Rounds} rounds through 3 silos");
        output.WriteLine($"batches: {batches.Count} sent, {acknowledged.Count} acknowledged ({acknowledged.Count * Lines} records), {unacknowledged.Count} not acknowledged (to the killed silo), of which {committedUnacknowledged} committed whole and {unacknowledged.Count - committedUnacknowledged} not at all; half-applied: {halfApplied.Count}");
        output.WriteLine($"decisions: {asked.Count} asked, {answered.Count} answered, all {answered.Count} found again; {asked.Count - answered.Count} unanswered (the killed silo)");
        output.WriteLine($"acknowledged writes: {acknowledged.Count * Lines + answered.Count} (records and decisions); lost: {lost.Count + missingDecisions.Count}");
        output.WriteLine($"survivors after the kill: {afterKill.Count} requests, all answered; slowest {slowest:0.00} s; first answers {string.Join(", ", firstAnswers.Select((t, i) => $"{survivors[i].Name} {t:0.00} s"))} after the kill; {heldByVictim.Count} subjects the dead silo served decided by both survivors in {handover.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"store: {present.Count} record versions of the test subjects; credence verify: {verified.Trim().Split('\n')[^1]}");
    }
}
