using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Credence.Cluster.Tests;

/// <summary>
/// Clients racing on one subject through different silos of three: two sources' submissions of the
/// same record (conflicting, identical, or two rival second versions) through the first and second
/// silos and two decisions through the second and third, released together. The store holds one
/// order: exactly one submission wins, the other is answered with its fate (conflict or duplicate,
/// naming the record); each decision is what the record versions stored before it imply; the ledger
/// verifies.
/// </summary>
public sealed class RacingClientsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 12;

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

    private static string Line(string subject, string id, string basis, int version = 1, string? action = null, string? note = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["subject"] = subject, ["type"] = "judgment-defaulter", ["area"] = "judicial", ["occurred"] = Occurred, ["sourceRecordId"] = id,
            ["legalBasis"] = basis, ["version"] = version, ["action"] = action, ["note"] = note,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public async Task Two_clients_racing_on_one_subject_through_different_silos_get_one_order_and_each_its_fate()
    {
        var c = cluster!;
        var (s1, s2, s3) = (c.Silos[0], c.Silos[1], c.Silos[2]);
        var wins = new Dictionary<string, int>(StringComparer.Ordinal) { [s1.Name] = 0, [s2.Name] = 0 };
        var fates = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var ties = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var subject = PersonIds.Person(200 + round);
            var id = "race-" + round.ToString(CultureInfo.InvariantCulture);
            var kind = (round % 3) switch { 0 => "conflicting", 1 => "identical", _ => "rival second versions" };
            string a, b;
            if (kind == "rival second versions")
            {
                // Version 1 first, alone; then a correction and a withdrawal race to be version 2.
                await RegistryCluster.Expect(await RegistryCluster.SendAsync(s3.Client, HttpMethod.Post, "/v1/records", c.CourtKey, Text(Line(subject, id, "(2026) Enforcement No. " + id))), HttpStatusCode.Created);
                a = Line(subject, id, "(2026) Enforcement No. " + id + " (amended)", version: 2, action: "corrected", note: "case number amended");
                b = Line(subject, id, "(2026) Enforcement No. " + id, version: 2, action: "withdrawn", note: "wrong person");
            }
            else
            {
                a = Line(subject, id, "(2026) Enforcement No. " + id + "-A");
                b = kind == "identical" ? a : Line(subject, id, "(2026) Enforcement No. " + id + "-B");
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<(HttpStatusCode Status, JsonElement Body, IEnumerable<string> Index)> Send(SiloProcess silo, string path, string key, string body)
            {
                await gate.Task;
                using var response = await RegistryCluster.SendAsync(silo.Client, HttpMethod.Post, path, key, Text(body));
                var index = response.Headers.TryGetValues("Credence-Ledger-Index", out var values) ? values : [];
                return (response.StatusCode, await RegistryCluster.Json(response), index.ToList());
            }

            var decision = JsonSerializer.Serialize(new { subject, measure = RegistryCluster.Measure });
            var racing = new[]
            {
                Send(s1, "/v1/records", c.CourtKey, a),
                Send(s2, "/v1/records", c.CourtKey, b),
                Send(s2, "/v1/decisions", c.RailwayKey, decision),
                Send(s3, "/v1/decisions", c.RailwayKey, decision),
            };
            gate.SetResult();
            var answers = await Task.WhenAll(racing);
            var (first, second) = (answers[0], answers[1]);

            // Exactly one submission is stored; the other is answered with its fate.
            var statuses = new[] { first.Status, second.Status };
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            var (winner, loser, winnerSilo) = first.Status == HttpStatusCode.Created ? (first, second, s1.Name) : (second, first, s2.Name);
            var won = winnerSilo == s1.Name ? a : b;
            wins[winnerSilo]++;
            Assert.Equal("accepted", winner.Body.GetProperty("fate").GetString());
            Assert.Equal($"intermediate-court/{id}", winner.Body.GetProperty("record").GetString());
            if (kind == "identical")
            {
                Assert.Equal(HttpStatusCode.OK, loser.Status);
                Assert.Equal("duplicate", loser.Body.GetProperty("fate").GetString());
                Assert.Equal($"intermediate-court/{id}", loser.Body.GetProperty("record").GetString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, loser.Status);
                Assert.Equal("urn:credence:problem:conflict", loser.Body.GetProperty("type").GetString());
                Assert.Contains($"record intermediate-court/{id} version {(kind == "conflicting" ? 1 : 2)} is stored with a different payload", loser.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            var loserFate = kind == "identical" ? "duplicate" : "conflict";
            fates[loserFate] = fates.GetValueOrDefault(loserFate) + 1;

            // One order in the store: the winner's version, once; read through the silo that took neither.
            var file = await c.FileAsync(s3.Client, subject);
            var versions = file.GetProperty("records").EnumerateArray().ToList();
            Assert.Equal(kind == "rival second versions" ? 2 : 1, versions.Count);
            var stored = versions.Single(v => v.GetProperty("version").GetInt32() == versions.Count);
            using (var sent = JsonDocument.Parse(won))
            {
                Assert.Equal(sent.RootElement.GetProperty("legalBasis").GetString(), stored.GetProperty("legalBasis").GetString());
                Assert.Equal(sent.RootElement.TryGetProperty("action", out var action) ? action.GetString() : "submitted", stored.GetProperty("action").GetString());
            }

            // Each decision is what the versions stored before it imply, and both are in the file as answered.
            var decided = file.GetProperty("decisions").EnumerateArray().ToDictionary(d => d.GetProperty("decisionId").GetString()!, d => d.GetProperty("outcome").GetString()!, StringComparer.Ordinal);
            var indices = new List<(long Index, string Outcome)>();
            foreach (var answer in answers.Skip(2))
            {
                Assert.Equal(HttpStatusCode.Created, answer.Status);
                var outcome = answer.Body.GetProperty("outcome").GetString()!;
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                Assert.Equal(outcome, decided[answer.Body.GetProperty("decisionId").GetString()!]);
                var at = answer.Body.GetProperty("decidedAt").GetDateTimeOffset();
                var before = versions.Where(v => v.GetProperty("reported").GetDateTimeOffset() <= at).OrderBy(v => v.GetProperty("version").GetInt32()).Select(v => (JsonElement?)v).LastOrDefault();
                var tie = versions.Any(v => v.GetProperty("reported").GetDateTimeOffset() == at);
                var expected = before is { } v && v.GetProperty("action").GetString() != "withdrawn" ? "denied" : "allowed";
                ties += tie ? 1 : 0;
                if (!tie)
                {
                    Assert.True(expected == outcome, $"round {round} ({kind}): decided {outcome} at {at:O}, but the versions stored then imply {expected}: {string.Join("; ", versions)}");
                }

                if (outcome == "denied")
                {
                    var cited = answer.Body.GetProperty("reasons").EnumerateArray().SelectMany(r => r.GetProperty("records").EnumerateArray()).Select(r => r.GetString()!).ToList();
                    Assert.Contains(cited, r => r.Contains(id, StringComparison.Ordinal));
                }

                indices.Add((long.Parse(answer.Index.Single(), CultureInfo.InvariantCulture), outcome));
            }

            // The ledger's order is the decisions' order: a later decision never undoes what an earlier one saw stored.
            var ordered = indices.OrderBy(i => i.Index).Select(i => i.Outcome).ToList();
            Assert.NotEqual(indices[0].Index, indices[1].Index);
            if (kind != "rival second versions")
            {
                Assert.False(ordered is ["denied", "allowed"], $"round {round}: a decision allowed after one denied on the same record");
            }
        }

        foreach (var silo in c.Silos)
        {
            await silo.KillAsync();
        }

        var (exit, verified) = await c.VerifyAsync();
        Assert.True(exit == 0, $"credence verify failed:\n{verified}");
        output.WriteLine($"{Rounds} rounds of two submissions (through {s1.Name} and {s2.Name}) and two decisions (through {s2.Name} and {s3.Name}) released together on one subject each");
        output.WriteLine($"submissions won: {string.Join(", ", wins.Select(w => $"{w.Key} {w.Value}"))}; the others answered: {string.Join(", ", fates.Select(f => $"{f.Key} {f.Value}"))}");
        output.WriteLine($"decisions: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}, each as the versions stored before it imply ({ties} at the very instant of a version, where either answer is that order's)");
        output.WriteLine($"credence verify: {verified.Trim().Split('\n')[^1]}");
    }

    private static StringContent Text(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
