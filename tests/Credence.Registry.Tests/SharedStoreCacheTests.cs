using System.Diagnostics;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Registry.Tests;

/// <summary>
/// The caches of one process stay true to a store another process writes (the command line beside the server on
/// the embedded SQLite file): a key revoked there is refused here within half a second's lease, never the 30 s
/// the key cache used to keep a key, and a revocation here is refused here at once.
/// </summary>
public sealed class SharedStoreCacheTests
{
    [Fact]
    public async Task A_key_revoked_by_another_registry_on_the_same_file_is_refused_here_within_a_second()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var issued = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));
        Assert.True((await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).IsOk);

        await using (var other = CredenceRegistry.Open(t.DatabasePath, t.Clock))
        {
            var revoking = Stopwatch.StartNew();
            (await other.Principals.RevokeKeyAsync(t.Operator, issued.KeyId)).GetValueOrThrow();

            // Alone on its store (no peers), the revocation is acknowledged at once: it waits for no lease.
            Assert.True(revoking.Elapsed < TimeSpan.FromMilliseconds(400), $"the revocation took {revoking.Elapsed}");
            Assert.Equal(ProblemTypes.Unauthorized, (await other.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).Problem!.Type);
        }

        var revokedAt = Stopwatch.StartNew();
        while ((await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).IsOk)
        {
            Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(1), "the key revoked by the other registry still worked here a second later");
            await Task.Delay(10);
        }

        // Once refused, refused for good.
        for (var i = 0; i < 20; i++)
        {
            Assert.False((await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).IsOk);
        }
    }
}
