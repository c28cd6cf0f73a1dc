using System.Net;
using System.Text.Json;
using Credence.App;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.Api.Tests;

/// <summary>The ledger through the real HTTP pipeline, and <c>credence verify</c> / <c>verify-receipt</c> on the same file.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class LedgerApiTests
{
    [Fact]
    public async Task A_subject_gets_a_receipt_for_its_own_decision_that_verify_receipt_accepts()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var alice = await host.KeyAsync("subject", "alice", subject: ApiHost.Alice);
        (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).EnsureSuccessStatusCode();
        var decided = await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" });
        decided.EnsureSuccessStatusCode();
        (await host.GetAsync("/v1/me", bob)).EnsureSuccessStatusCode();

        var own = (await ApiHost.Json(await host.GetAsync("/v1/me/ledger", bob))).EnumerateArray().ToList();
        Assert.Equal("subject.read", own[0].GetProperty("action").GetString());
        var decision = own.Single(e => e.GetProperty("kind").GetString() == "decision");
        Assert.Contains(own, e => e.GetProperty("kind").GetString() == "record-version");
        var index = decision.GetProperty("index").GetInt64();
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(decided.Headers.GetValues("Credence-Ledger-Index")));

        // No checkpoint covers the decision yet: come back at the next scheduled one.
        var pending = await host.GetAsync($"/v1/me/receipts/{index}", bob);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal(ApiHost.CheckpointInterval, pending.Headers.RetryAfter!.Delta);
        Assert.Equal("pending", (await ApiHost.Json(pending)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).StatusCode);

        var response = await host.GetAsync($"/v1/me/receipts/{index}", bob);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receiptFile = Path.Combine(host.Folder, "receipt.json");
        await File.WriteAllTextAsync(receiptFile, await response.Content.ReadAsStringAsync());
        var (exit, output) = Cli("verify-receipt", receiptFile, "--key", host.DatabasePath + ".ledger.key.pub");
        Assert.True(exit == 0, output);
        Assert.Contains($"valid: entry {index} is in the tree", output, StringComparison.Ordinal);
        Assert.Contains("checkpoint signature verified", output, StringComparison.Ordinal);

        await Problems.AssertAsync(await host.GetAsync($"/v1/me/receipts/{index}", alice), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/ledger/entries/{index}", alice), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/me/receipts/{index}"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/v1/ledger/entries/{index}", bob)).StatusCode);
        var auditor = await host.KeyAsync("auditor", "auditor");
        var entry = await ApiHost.Json(await host.GetAsync($"/v1/ledger/entries/{index}", auditor));
        Assert.Equal(decision.GetProperty("bytes").GetString(), entry.GetProperty("bytes").GetString());
    }

    [Fact]
    public async Task A_subject_file_response_carries_the_ledger_index_of_the_read_it_logged()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer");
        var first = await host.GetAsync("/v1/me", bob);
        var second = await host.GetAsync($"/v1/subjects/{ApiHost.Bob}?purpose=dispute%20review", reviewer);
        var firstIndex = long.Parse(Assert.Single(first.Headers.GetValues("Credence-Ledger-Index")), System.Globalization.CultureInfo.InvariantCulture);
        var secondIndex = long.Parse(Assert.Single(second.Headers.GetValues("Credence-Ledger-Index")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(secondIndex > firstIndex);

        var own = (await ApiHost.Json(await host.GetAsync("/v1/me/ledger", bob))).EnumerateArray().ToList();
        var reads = own.Where(e => e.GetProperty("action").GetString() == "subject.read").Select(e => e.GetProperty("index").GetInt64()).ToList();
        Assert.Contains(firstIndex, reads);
        Assert.Contains(secondIndex, reads);
        Assert.Equal(HttpStatusCode.Accepted, (await host.GetAsync($"/v1/me/receipts/{secondIndex}", bob)).StatusCode);
        (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/v1/me/receipts/{secondIndex}", bob)).StatusCode);
    }

    [Fact]
    public async Task Checkpoints_and_proofs_are_public_and_consistent()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        await Problems.AssertAsync(await host.GetAsync("/v1/ledger/checkpoint"), HttpStatusCode.NotFound, "not-found");
        var auditor = await host.KeyAsync("auditor", "auditor");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", auditor), HttpStatusCode.Forbidden, "forbidden");
        var first = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey));
        Assert.Equal(first.GetProperty("id").GetInt64(), (await host.CheckpointJsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(ApiStore.IsPostgres ? host.Origin : "credence/" + Path.GetFileName(host.DatabasePath), first.GetProperty("origin").GetString());
        Assert.StartsWith(host.Origin + "\n", first.GetProperty("note").GetString(), StringComparison.Ordinal);
        await host.KeyAsync("auditor", "auditor-2");
        var signed = await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var second = await ApiHost.Json(signed);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(second.GetProperty("id").GetInt64(), (await host.CheckpointJsonAsync()).GetProperty("id").GetInt64());
        }

        var history = (await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints"))).EnumerateArray().Select(c => c.GetProperty("size").GetInt64()).ToList();
        Assert.Equal([first.GetProperty("size").GetInt64(), second.GetProperty("size").GetInt64()], history);

        var (from, to) = (history[0], history[1]);
        var consistency = await ApiHost.Json(await host.GetAsync($"/v1/ledger/proof/consistency?from={from}&to={to}"));
        var proof = new ConsistencyProof(from, to, [.. Hashes(consistency)]);
        Assert.True(ProofVerifier.VerifyConsistency(proof, MerkleHash.FromBase64(first.GetProperty("root").GetString()!), MerkleHash.FromBase64(second.GetProperty("root").GetString()!)));

        var inclusion = await ApiHost.Json(await host.GetAsync($"/v1/ledger/proof/inclusion?index=0&size={to}"));
        Assert.Equal(to, inclusion.GetProperty("to").GetInt64());
        await Problems.AssertAsync(await host.GetAsync($"/v1/ledger/proof/inclusion?index={to}&size={to}"), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync($"/v1/ledger/proof/consistency?from={to}&to={from}"), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/ledger/entries/0"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_write_the_ledger_cannot_take_gets_ledger_unavailable_and_is_not_stored()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var court = await host.CourtAsync();
        ApiStore.Execute(host.Store, ApiStore.IsPostgres
            ? "CREATE FUNCTION ledger_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger disk gone'; END $$; CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_down()"
            : "CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger disk gone'); END");
        await Problems.AssertAsync(await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1")), HttpStatusCode.ServiceUnavailable, "ledger-unavailable");
        ApiStore.Execute(host.Store, ApiStore.IsPostgres ? "DROP TRIGGER ledger_down ON ledger_entries" : "DROP TRIGGER ledger_down");
        var auditor = await host.KeyAsync("auditor", "auditor");
        var file = await ApiHost.Json(await host.GetAsync($"/v1/subjects/{ApiHost.Bob}?purpose=audit", auditor));
        Assert.Equal(0, file.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Credence_verify_passes_a_served_database_and_reports_a_tampered_one()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var court = await host.CourtAsync();
        (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).EnsureSuccessStatusCode();
        (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).EnsureSuccessStatusCode();
        await host.RestartAsync();

        var (ok, okOut) = Cli(["verify", .. host.StoreOptions, "--key", host.DatabasePath + ".ledger.key.pub"]);
        Assert.True(ok == 0, okOut);
        Assert.Contains("consistent:", okOut, StringComparison.Ordinal);
        Assert.Contains("signatures checked", okOut, StringComparison.Ordinal);

        ApiStore.Execute(host.Store, "UPDATE records SET note = 'edited' WHERE id = 1");
        var (bad, badOut) = Cli(["verify", .. host.StoreOptions, "--key", host.DatabasePath + ".ledger.key.pub"]);
        Assert.Equal(1, bad);
        Assert.Contains("records row intermediate-court/Z-1/1 no longer matches", badOut, StringComparison.Ordinal);
        Assert.Contains("INCONSISTENT: 1 problems", badOut, StringComparison.Ordinal);
        Assert.Equal(1, Cli("verify", "--db", Path.Combine(host.Folder, "missing.db")).Exit);
    }

    private static object Defaulter(string subject, string id) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id };

    private static IEnumerable<MerkleHash> Hashes(JsonElement proof) => proof.GetProperty("path").EnumerateArray().Select(h => MerkleHash.FromBase64(h.GetString()!));

    internal static (int Exit, string Out) Cli(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            return (CliRun.Invoke(args, TimeProvider.System), output.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
