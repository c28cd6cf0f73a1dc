using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Credence.Cluster.Tests;

/// <summary>
/// <c>kill -9</c> of one of three silos while court defaulter listings fall due, one after another: every silo runs
/// the due-process scheduler over the shared store (docs/cluster.md), so the survivors end each listing at its
/// exact instant, exactly once (one delisting notice each), whether its deadline came before the kill, while the
/// killed silo's scheduler may have been acting on it, or after; and <c>credence verify</c> passes.
/// </summary>
public sealed class SchedulerKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Subjects = 24;

    /// <summary>Two deadlines a second, from <see cref="FirstDue"/> after the records are in.</summary>
    private const int PerSecond = 2;

    private static readonly TimeSpan FirstDue = TimeSpan.FromSeconds(20);

    /// <summary>A generous bound for the survivors to meet the last deadline (never a tight timing on a shared machine).</summary>
    private static readonly TimeSpan MetBound = TimeSpan.FromSeconds(60);

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
    public async Task Listings_falling_due_while_a_silo_is_killed_end_each_at_its_instant_exactly_once()
    {
        var c = cluster!;
        var victim = c.Silos[2];
        var survivors = c.Silos.Take(2).ToList();
        var subjects = Enumerable.Range(0, Subjects).Select(n => PersonIds.Person(400 + n)).ToList();

        // The policy's defaulter term is two years from the judgment: each judgment is dated so that its term ends
        // a little later today, in whole seconds (the records' instants are).
        var now = DateTimeOffset.UtcNow;
        var first = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) + FirstDue;
        var ends = subjects.Select((_, n) => first.AddSeconds(n / PerSecond)).ToList();

        // Each silo takes a third of the records, so each silo's scheduler is woken by its own intake and plans for
        // the store's next deadline: all three race at every deadline until one is killed.
        for (var s = 0; s < 3; s++)
        {
            var lines = subjects.Select((subject, n) => (subject, n)).Where(p => p.n % 3 == s).Select(p => JsonSerializer.Serialize(new
            {
                subject = p.subject, type = "judgment-defaulter", area = "judicial",
                occurred = ends[p.n].AddYears(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                sourceRecordId = "due-" + p.n.ToString(CultureInfo.InvariantCulture), legalBasis = "(2024) Enforcement No. " + p.n.ToString(CultureInfo.InvariantCulture),
            }));
            var batch = await RegistryCluster.Expect(await RegistryCluster.SendAsync(c.Silos[s].Client, HttpMethod.Post, "/v1/records/batch", c.CourtKey, RegistryCluster.Ndjson(lines)), HttpStatusCode.OK);
            Assert.All(batch.GetProperty("fates").EnumerateArray(), f => Assert.Equal("accepted", f.GetProperty("fate").GetString()));
        }

        // Every subject is listed until its own deadline (on a slow machine the first may have passed already).
        for (var n = 0; n < Subjects; n++)
        {
            var listing = Assert.Single(Listings(await c.FileAsync(survivors[n % 2].Client, subjects[n])));
            Assert.Equal(ends[n], listing.GetProperty("until").GetDateTimeOffset());
        }

        // Killed halfway through the deadlines.
        var killAt = ends[Subjects / 2];
        if (killAt - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        Assert.True(victim.HasExited, "the killed silo still runs");
        var dueBeforeKill = ends.Count(e => e <= killedAt);

        // The survivors meet every deadline, the killed silo's share included.
        var waited = Stopwatch.StartNew();
        var last = ends[^1];
        while (true)
        {
            var open = 0;
            for (var n = 0; n < Subjects; n++)
            {
                open += Listings(await c.FileAsync(survivors[n % 2].Client, subjects[n])).Count(l => EndedAt(l) is null);
            }

            if (open == 0)
            {
                break;
            }

            Assert.True(DateTimeOffset.UtcNow < last + MetBound, $"{open} listings still open {(DateTimeOffset.UtcNow - last).TotalSeconds:0} s after the last deadline\n{c.Logs()}");
            await Task.Delay(250);
        }

        var metAfter = DateTimeOffset.UtcNow - last;

        // Each listing ended once, at its exact instant, with one delisting notice, read through either survivor.
        for (var n = 0; n < Subjects; n++)
        {
            foreach (var survivor in survivors)
            {
                var file = await c.FileAsync(survivor.Client, subjects[n]);
                var listing = Assert.Single(Listings(file));
                Assert.Equal(ends[n], EndedAt(listing));
                Assert.Single(file.GetProperty("notices").EnumerateArray(), notice => notice.GetProperty("kind").GetString() == "delisted");
            }
        }

        foreach (var survivor in survivors)
        {
            Assert.False(survivor.HasExited, $"survivor {survivor.Name} died:\n{survivor.Log}");
            await survivor.KillAsync();
        }

        var (exit, verified) = await c.VerifyAsync();
        Assert.True(exit == 0, $"credence verify failed:\n{verified}");

        output.WriteLine($"{Subjects} defaulter listings falling due {PerSecond} a second from {first:HH:mm:ss} to {last:HH:mm:ss}; kill -9 of {victim.Name} (pid {victim.Pid}) at {killedAt:HH:mm:ss.fff}, with {dueBeforeKill} deadlines passed");
        output.WriteLine($"every listing ended at its own instant, once, with one delisting notice; the last seen ended {metAfter.TotalSeconds:0.0} s after its deadline (polled every 0.25 s); credence verify: {verified.Trim().Split('\n')[^1]}");
    }

    /// <summary>When a listing ended (absent while it has not).</summary>
    private static DateTimeOffset? EndedAt(JsonElement listing) =>
        listing.TryGetProperty("endedAt", out var ended) && ended.ValueKind != JsonValueKind.Null ? ended.GetDateTimeOffset() : null;

    /// <summary>The subject's court defaulter listings, ended or not.</summary>
    private static List<JsonElement> Listings(JsonElement file) =>
        [.. file.GetProperty("listings").EnumerateArray().Where(l => l.GetProperty("list").GetString() == "court-defaulters")];
}
