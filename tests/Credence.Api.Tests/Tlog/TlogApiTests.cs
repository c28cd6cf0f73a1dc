using System.Net;
using System.Text.Json;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Api.Tests.Tlog;

/// <summary>
/// The ledger as a C2SP tlog-tiles log, checked by <see cref="TlogVerifier"/> (written from the
/// specifications, no Credence code): roots, inclusion and consistency from tiles over HTTP, entry
/// bundles against the leaf hashes, caching, 404 beyond the published tree, and a changed byte caught.
/// </summary>
public sealed class TlogApiTests
{
    [Fact]
    public async Task A_tlog_client_verifies_roots_inclusion_and_consistency_from_tiles_alone()
    {
        await using var host = await ApiHost.StartAsync(policies: false, seeded: false);
        var key = await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key.pub");
        await GrowAsync(host, 300);
        var first = await SignAsync(host, key);
        await GrowAsync(host, 420);
        var second = await SignAsync(host, key);
        Assert.True(first.Size > 256 && second.Size > 512 + 100, $"sizes {first.Size}, {second.Size}");

        var client = new TlogVerifier(host.Client, "/tlog/");
        Assert.Equal(first.Root, await client.RootAsync(first.Size));
        Assert.Equal(second.Root, await client.RootAsync(second.Size));

        foreach (var index in new[] { 0, 1, 255, 256, first.Size - 1, 511, 512, second.Size - 1 })
        {
            var path = await client.InclusionPathAsync(index, second.Size);
            var leaf = await LeafHashAsync(client, index, second.Size);
            Assert.True(TlogVerifier.VerifyInclusion(index, second.Size, leaf, path, second.Root), $"inclusion of {index}");
            var served = await ApiHost.Json(await host.GetAsync($"/v1/ledger/proof/inclusion?index={index}&size={second.Size}"));
            Assert.Equal(served.GetProperty("path").EnumerateArray().Select(h => h.GetString()), path.Select(Convert.ToBase64String));
        }

        var consistency = await client.ConsistencyPathAsync(first.Size, second.Size);
        Assert.True(TlogVerifier.VerifyConsistency(first.Size, second.Size, first.Root, second.Root, consistency));
        var servedConsistency = await ApiHost.Json(await host.GetAsync($"/v1/ledger/proof/consistency?from={first.Size}&to={second.Size}"));
        Assert.Equal(servedConsistency.GetProperty("path").EnumerateArray().Select(h => h.GetString()), consistency.Select(Convert.ToBase64String));
        Assert.False(TlogVerifier.VerifyConsistency(first.Size, second.Size, second.Root, second.Root, consistency));

        // Entry bundles (auditor's key) hash to the level-0 tiles, and carry the entries the registry serves one by one.
        var auditor = await host.KeyAsync("auditor", "auditor");
        for (long n = 0; n * 256 < second.Size; n++)
        {
            var width = Math.Min(256, second.Size - (n * 256));
            var bundle = await host.GetAsync("/tlog/" + TlogVerifier.TilePath("entries", n, width == 256 ? null : width), auditor);
            Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            var entries = TlogVerifier.DecodeBundle(await bundle.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                Assert.Equal(await LeafHashAsync(client, (n * 256) + i, second.Size), TlogVerifier.LeafHash(entries[i]));
            }

            var one = await host.GetAsync($"/v1/ledger/entries/{n * 256}", auditor);
            Assert.Equal(Convert.ToBase64String(entries[0]), (await ApiHost.Json(one)).GetProperty("bytes").GetString());
        }
    }

    [Fact]
    public async Task A_changed_byte_in_any_tile_is_caught()
    {
        await using var host = await ApiHost.StartAsync(policies: false, seeded: false);
        var key = await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key.pub");
        await GrowAsync(host, 600);
        var tree = await SignAsync(host, key);

        // Every tile an honest run uses, then each changed in one byte (a first, a middle and a last one).
        var honest = new TlogVerifier(host.Client, "/tlog/");
        Assert.Equal(tree.Root, await honest.RootAsync(tree.Size));
        foreach (var index in new long[] { 0, 300, tree.Size - 1 })
        {
            Assert.True(TlogVerifier.VerifyInclusion(index, tree.Size, await LeafHashAsync(honest, index, tree.Size), await honest.InclusionPathAsync(index, tree.Size), tree.Root));
        }

        Assert.True(honest.Fetched.Count >= 4, string.Join(", ", honest.Fetched.Keys));
        foreach (var (tile, bytes) in honest.Fetched)
        {
            foreach (var at in new[] { 0, bytes.Length / 2, bytes.Length - 1 })
            {
                var tampered = new TlogVerifier(host.Client, "/tlog/")
                {
                    Tamper = (path, fetched) =>
                    {
                        if (path != tile)
                        {
                            return fetched;
                        }

                        var copy = (byte[])fetched.Clone();
                        copy[at] ^= 0x01;
                        return copy;
                    },
                };
                Assert.False(await HoldsAsync(tampered, tree), $"a changed byte {at} of {tile} went unnoticed");
            }
        }
    }

    [Fact]
    public async Task Tiles_are_cacheable_when_full_short_lived_when_partial_and_missing_beyond_the_published_tree()
    {
        await using var host = await ApiHost.StartAsync(policies: false, seeded: false);
        foreach (var path in new[] { "checkpoint", "tile/0/000", "tile/0/000.p/1" })
        {
            await Problems.AssertAsync(await host.GetAsync("/tlog/" + path), HttpStatusCode.NotFound, "not-found");
        }

        await GrowAsync(host, 600);
        var tree = await SignAsync(host, await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key.pub"));
        var partial = tree.Size % 256;
        await GrowAsync(host, 300);

        var note = await host.GetAsync("/tlog/checkpoint");
        Assert.Equal(("text/plain", "utf-8"), (note.Content.Headers.ContentType!.MediaType, note.Content.Headers.ContentType.CharSet));
        Assert.True(note.Headers.CacheControl!.NoCache);

        var full = await host.GetAsync("/tlog/tile/0/001");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("application/octet-stream", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal(8192, (await full.Content.ReadAsByteArrayAsync()).Length);
        Assert.True(full.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 31536000 } && full.Headers.CacheControl.Extensions.Any(e => e.Name == "immutable"), full.Headers.CacheControl?.ToString());

        var edge = await host.GetAsync($"/tlog/tile/0/002.p/{partial}");
        Assert.Equal(HttpStatusCode.OK, edge.StatusCode);
        Assert.Equal(partial * 32, (await edge.Content.ReadAsByteArrayAsync()).Length);
        Assert.True(edge.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 60 } && edge.Headers.CacheControl.Extensions.All(e => e.Name != "immutable"), edge.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/tlog/tile/0/002.p/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/tlog/tile/1/000.p/2")).StatusCode);

        // Beyond the newest checkpoint's tree (the ledger has grown past it), at any level, and anything not a tile path.
        foreach (var path in new[]
        {
            "tile/0/002", $"tile/0/002.p/{partial + 1}", "tile/0/003.p/1", "tile/0/x001/000", "tile/1/000", "tile/1/000.p/3", "tile/2/000.p/1", "tile/63/000.p/1",
            "tile/0/2", "tile/0/002.p/0", "tile/00/000", "tile/64/000", "tile/0/x000/001", "tile/0/001/", "tile/0/-01", "tile/0/٠٠١", "tile/0/００１", "tile/", "tile/x",
        })
        {
            var response = await host.GetAsync("/tlog/" + path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task Entry_bundles_are_for_operators_and_auditors_only()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        await GrowAsync(host, 10);
        await SignAsync(host, await File.ReadAllTextAsync(host.DatabasePath + ".ledger.key.pub"));
        const string Bundle = "/tlog/tile/entries/000.p/5";
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync(Bundle)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync(Bundle, "cred_wrong")).StatusCode);
        foreach (var key in new[]
        {
            await host.CourtAsync(),
            await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            await host.KeyAsync("subject", "bob", subject: ApiHost.Bob),
            await host.KeyAsync("reviewer", "reviewer"),
        })
        {
            await Problems.AssertAsync(await host.GetAsync(Bundle, key), HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var key in new[] { host.OperatorKey, await host.KeyAsync("auditor", "auditor") })
        {
            var bundle = await host.GetAsync(Bundle, key);
            Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            Assert.Equal(5, TlogVerifier.DecodeBundle(await bundle.Content.ReadAsByteArrayAsync()).Count);
            Assert.True(bundle.Headers.CacheControl is { Private: true, Public: false }, bundle.Headers.CacheControl?.ToString());
            await Problems.AssertAsync(await host.GetAsync("/tlog/tile/entries/x001/000", key), HttpStatusCode.NotFound, "not-found");
        }
    }

    private static async Task<bool> HoldsAsync(TlogVerifier client, TlogVerifier.SignedTree tree)
    {
        try
        {
            if (!(await client.RootAsync(tree.Size)).SequenceEqual(tree.Root))
            {
                return false;
            }

            foreach (var index in new long[] { 0, 300, tree.Size - 1 })
            {
                if (!TlogVerifier.VerifyInclusion(index, tree.Size, await LeafHashAsync(client, index, tree.Size), await client.InclusionPathAsync(index, tree.Size), tree.Root))
                {
                    return false;
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>A leaf hash as the level-0 tile holds it (the leaf's own entry is what a receipt would carry).</summary>
    private static async Task<byte[]> LeafHashAsync(TlogVerifier client, long index, long size) =>
        (await client.InclusionLeafAsync(index, size));

    private static async Task GrowAsync(ApiHost host, int entries)
    {
        var start = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < entries; i++)
        {
            (await host.Server.Registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Auditor, $"auditor-{start}-{i}"))).GetValueOrThrow();
        }
    }

    private static async Task<TlogVerifier.SignedTree> SignAsync(ApiHost host, string verifierKey)
    {
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).StatusCode);
        return TlogVerifier.VerifyCheckpoint(await host.Client.GetStringAsync("/tlog/checkpoint"), verifierKey);
    }
}
