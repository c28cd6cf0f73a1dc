using System.Net;
using System.Text;
using System.Text.Json;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Receipts;
using Credence.Ledger.Storage;
using Credence.Registry.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.Api.Tests;

/// <summary>
/// Receipts through the real server: the subject's route only, no checkpoint signed on request, the
/// scheduled checkpoint's run, and <c>verify-receipt --checkpoint-url</c> against the live registry.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ReceiptApiTests
{
    [Fact]
    public async Task Receipt_requests_sign_nothing_and_the_scheduled_checkpoint_makes_them_ready()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var ledger = host.Server.App.Services.GetRequiredService<LedgerService>();
        var next = ledger.NextScheduledAt;
        Assert.Equal(ApiHost.Start + ApiHost.CheckpointInterval, next);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var indices = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var read = await host.GetAsync("/v1/me", bob);
            indices.Add(long.Parse(Assert.Single(read.Headers.GetValues("Credence-Ledger-Index")), System.Globalization.CultureInfo.InvariantCulture));
            var pending = await host.GetAsync($"/v1/me/receipts/{indices[^1]}", bob);
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            Assert.Equal(ApiHost.CheckpointInterval, pending.Headers.RetryAfter!.Delta);
            var body = await ApiHost.Json(pending);
            Assert.Equal(("pending", indices[^1], (long)ApiHost.CheckpointInterval.TotalSeconds), (body.GetProperty("status").GetString(), body.GetProperty("index").GetInt64(), body.GetProperty("retryAfterSeconds").GetInt64()));
            Assert.Equal(next, body.GetProperty("retryAt").GetDateTimeOffset());
            Assert.Contains("ask again", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints"))).GetArrayLength());
        await Problems.AssertAsync(await host.GetAsync("/v1/ledger/checkpoint"), HttpStatusCode.NotFound, "not-found");

        host.Clock.Advance(TimeSpan.FromHours(23));
        var later = await host.GetAsync($"/v1/me/receipts/{indices[0]}", bob);
        Assert.Equal((HttpStatusCode.Accepted, TimeSpan.FromHours(1)), (later.StatusCode, later.Headers.RetryAfter!.Delta!.Value));

        // The schedule's run (its loop on the clock's timers is tested with a fake clock in the registry's
        // tests): run here just before its timer would fire, so that only this run signs.
        host.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        var signed = await ledger.SignDueAsync(next);
        Assert.NotNull(signed);
        var checkpoint = await host.CheckpointJsonAsync();
        Assert.Equal((signed.Id, next - TimeSpan.FromSeconds(1)), (checkpoint.GetProperty("id").GetInt64(), checkpoint.GetProperty("signedAt").GetDateTimeOffset()));
        foreach (var index in new[] { indices[0], indices[^1] })
        {
            var ready = await host.GetAsync($"/v1/me/receipts/{index}", bob);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var file = Path.Combine(host.Folder, $"receipt-{index}.json");
            await File.WriteAllTextAsync(file, await ready.Content.ReadAsStringAsync());
            var (exit, output) = LedgerApiTests.Cli("verify-receipt", file, "--key", host.DatabasePath + ".ledger.key.pub");
            Assert.True(exit == 0, output);
            Assert.Contains($"valid: entry {index} is in the tree of size {checkpoint.GetProperty("size").GetInt64()}", output, StringComparison.Ordinal);
        }

        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints"))).GetArrayLength());
        Assert.Equal(next + ApiHost.CheckpointInterval, ledger.NextScheduledAt);
    }

    [Fact]
    public async Task Verify_receipt_fetches_the_key_from_the_registry_the_user_names_and_says_so()
    {
        await using var host = await ApiHost.StartAsync(policies: false, seeded: false);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var read = await host.GetAsync("/v1/me", bob);
        var index = long.Parse(Assert.Single(read.Headers.GetValues("Credence-Ledger-Index")), System.Globalization.CultureInfo.InvariantCulture);
        (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).EnsureSuccessStatusCode();
        var receiptText = await (await host.GetAsync($"/v1/me/receipts/{index}", bob)).Content.ReadAsStringAsync();
        var file = Path.Combine(host.Folder, "receipt.json");
        await File.WriteAllTextAsync(file, receiptText);

        // The registry grows and signs again: the older receipt is checked against its newest checkpoint by a consistency proof.
        await host.KeyAsync("subject", "alice", subject: ApiHost.Alice);
        (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).EnsureSuccessStatusCode();

        var url = host.Server.Addresses[0].ToString().TrimEnd('/');
        var publicKey = (await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key.pub")).Trim();
        var fingerprint = NoteVerifierKey.Parse(publicKey).Fingerprint;
        foreach (var given in new[] { url, url + "/" })
        {
            var (exit, output) = LedgerApiTests.Cli("verify-receipt", file, "--checkpoint-url", given);
            Assert.True(exit == 0, output);
            var lines = output.Trim().Split('\n');
            Assert.StartsWith($"key fetched from {url}/v1/ledger/checkpoint, fingerprint {fingerprint}", lines[0], StringComparison.Ordinal);
            Assert.StartsWith($"valid: entry {index} is in the tree of size", lines[1], StringComparison.Ordinal);
            Assert.Contains("consistent with the registry's newest checkpoint", lines[1], StringComparison.Ordinal);
        }

        Assert.Equal(0, LedgerApiTests.Cli("verify-receipt", file, "--checkpoint-url", url, "--key", publicKey).Exit);
        var otherKey = CheckpointSigner.GenerateKey(host.Origin).VerifierKey;
        var (mismatch, mismatchOut) = LedgerApiTests.Cli("verify-receipt", file, "--checkpoint-url", url, "--key", otherKey);
        Assert.Equal(1, mismatch);
        Assert.Contains($"invalid: the registry at {url}/v1/ledger/checkpoint serves key {fingerprint}, not the --key given", mismatchOut, StringComparison.Ordinal);

        // A forger's own key: the registry's key refuses it.
        var forger = CheckpointSigner.GenerateKey(host.Origin);
        using (var signer = CheckpointSigner.FromPrivateKey(forger.PrivateKey))
        {
            var forged = Forge(signer, host.Origin, index + 1, index);
            var (exit, output) = LedgerApiTests.Cli("verify-receipt", await WriteAsync(host, "forged.json", forged), "--checkpoint-url", url);
            Assert.Equal(1, exit);
            Assert.Contains($"invalid: checkpoint refused: note is not signed by key {host.Origin}+", output, StringComparison.Ordinal);
        }

        // The operator's own key over a tree the registry does not show (a split view): the signature holds, the log does not.
        using (var operatorKey = CheckpointSigner.FromPrivateKey((await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key")).Trim()))
        {
            var split = Forge(operatorKey, host.Origin, index + 1, index);
            var (exit, output) = LedgerApiTests.Cli("verify-receipt", await WriteAsync(host, "split.json", split), "--checkpoint-url", url);
            Assert.Equal(1, exit);
            Assert.Contains("is not consistent with the registry's newest", output, StringComparison.Ordinal);

            var otherLog = Forge(operatorKey, "credence/staging.db", index + 1, index);
            var (otherExit, otherOut) = LedgerApiTests.Cli("verify-receipt", await WriteAsync(host, "other-log.json", otherLog), "--checkpoint-url", url);
            Assert.Equal(1, otherExit);
            Assert.Contains($"invalid: checkpoint refused: checkpoint is for origin 'credence/staging.db', expected '{host.Origin}'", otherOut, StringComparison.Ordinal);
        }

        // A registry that is not there, and one that is another registry.
        await using var other = await ApiHost.StartAsync(policies: false, seeded: false);
        (await other.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", other.OperatorKey)).EnsureSuccessStatusCode();
        var (otherRegistry, otherRegistryOut) = LedgerApiTests.Cli("verify-receipt", file, "--checkpoint-url", other.Server.Addresses[0].ToString());
        Assert.Equal(1, otherRegistry);
        Assert.Contains("invalid: checkpoint refused: note is not signed by key", otherRegistryOut, StringComparison.Ordinal);
        var (down, downOut) = LedgerApiTests.Cli("verify-receipt", file, "--checkpoint-url", "http://127.0.0.1:1");
        Assert.Equal(1, down);
        Assert.StartsWith("--checkpoint-url: cannot fetch http://127.0.0.1:1/v1/ledger/checkpoint", downOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_subject_gets_receipts_and_only_for_entries_about_itself()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var alice = await host.KeyAsync("subject", "alice", subject: ApiHost.Alice);
        var read = await host.GetAsync("/v1/me", bob);
        var index = long.Parse(Assert.Single(read.Headers.GetValues("Credence-Ledger-Index")), System.Globalization.CultureInfo.InvariantCulture);
        (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/v1/me/receipts/{index}", bob)).StatusCode);

        var auditor = await host.KeyAsync("auditor", "auditor");
        var others = new Dictionary<string, string>
        {
            ["operator"] = host.OperatorKey,
            ["auditor"] = auditor,
            ["reviewer"] = await host.KeyAsync("reviewer", "reviewer"),
            ["source"] = await host.CourtAsync(),
            ["relying party"] = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
        };
        foreach (var (role, key) in others)
        {
            foreach (var asked in new[] { index.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "999999999", "-1" })
            {
                var refused = await host.GetAsync($"/v1/me/receipts/{asked}", key);
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{role} asking for {asked}: {(int)refused.StatusCode}");
                await Problems.AssertAsync(refused, HttpStatusCode.Forbidden, "forbidden");
            }
        }

        // Alice learns nothing: Bob's entry answers exactly as an entry that does not exist.
        var size = (await host.CheckpointJsonAsync()).GetProperty("size").GetInt64();
        var answers = new List<JsonElement>();
        foreach (var asked in new[] { index, 0, size + 10, 999_999_999, long.MaxValue, -1 })
        {
            foreach (var route in new[] { "/v1/me/receipts/", "/v1/ledger/entries/" })
            {
                var response = await host.GetAsync(route + asked.ToString(System.Globalization.CultureInfo.InvariantCulture), alice);
                await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
                var problem = await ApiHost.Json(response);
                Assert.Equal($"you have no ledger entry {asked}", problem.GetProperty("detail").GetString());
                answers.Add(problem);
            }
        }

        Assert.Single(answers.Select(a => string.Join(',', a.EnumerateObject().Select(p => p.Name)) + "|" + a.GetProperty("title").GetString()).Distinct());

        // Every refusal is in the access log.
        var log = (await ApiHost.Json(await host.GetAsync("/v1/access-log?purpose=audit&limit=1000", auditor))).EnumerateArray().ToList();
        Assert.Equal(20, log.Count(e => e.GetProperty("action").GetString() == "ledger.receipt" && e.GetProperty("outcome").GetString() == "forbidden"));
        Assert.Equal(6, log.Count(e => e.GetProperty("action").GetString() == "ledger.receipt" && e.GetProperty("principal").GetString() == "alice"));
    }

    /// <summary>A receipt for entry <paramref name="index"/> of a tree of <paramref name="size"/> entries that the registry never held, signed by <paramref name="signer"/>.</summary>
    private static string Forge(CheckpointSigner signer, string origin, long size, long index)
    {
        using var ledger = new MemoryLedger();
        ledger.AppendBatch([.. Enumerable.Range(0, (int)size).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"forged {i}"))]);
        return ReceiptIssuer.Issue(ledger, index, signer.Sign(new Checkpoint(origin, size, ledger.Head.RootHash))).ToJson();
    }

    private static async Task<string> WriteAsync(ApiHost host, string name, string text)
    {
        var path = Path.Combine(host.Folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
