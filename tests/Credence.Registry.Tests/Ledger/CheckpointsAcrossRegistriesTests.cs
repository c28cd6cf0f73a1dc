using Credence.Ledger.Checkpoints;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Credence.Registry.Tests.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// Every silo of a cluster runs the checkpoint schedule over the one PostgreSQL ledger with the cluster's key
/// (docs/cluster.md). No two ever sign different trees of the same size: a checkpoint is signed inside a writer's
/// turn (one advisory lock per transaction) from the ledger's size and the newest checkpoint read in that turn, so
/// each size is signed at most once, and every checkpoint is a prefix of every later one.
/// </summary>
public sealed class CheckpointsAcrossRegistriesTests : IDisposable
{
    private const string Origin = "credence/cluster";

    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly PostgresDatabase database = PostgresDatabase.Create();

    [Fact]
    public async Task Three_registries_signing_while_all_of_them_write_sign_each_size_once_and_one_history()
    {
        var clock = new FakeTimeProvider(Start);
        var key = CheckpointSigner.GenerateKey(Origin);
        var registries = Enumerable.Range(0, 3).Select(_ => CredenceRegistry.Open(StoreChoice.Database(database.ConnectionString), clock)).ToList();
        try
        {
            var ledgers = registries.Select(r => new LedgerService(r.Store, clock, CheckpointSigner.FromPrivateKey(key.PrivateKey), Origin, TimeSpan.FromMinutes(1), r.Access)).ToList();
            var signed = new System.Collections.Concurrent.ConcurrentBag<StoredCheckpoint>();

            // Rounds in which every registry writes (a key: an access event in the ledger) and every one signs, all at once.
            for (var round = 0; round < 8; round++)
            {
                var n = round;
                await Task.WhenAll(registries.Select((r, i) => Task.Run(async () =>
                    (await r.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Auditor, $"auditor-{n}-{i}"))).GetValueOrThrow()))
                    .Concat(ledgers.SelectMany(l => Enumerable.Range(0, 2).Select(_ => Task.Run(async () => signed.Add(await l.SignAsync()))))));
            }

            signed.Add(await ledgers[2].SignAsync());
            var history = await ledgers[0].HistoryAsync(0, 1000);

            // One checkpoint per size, sizes growing with the history, and whatever any registry was answered is in it.
            Assert.Equal(history.Count, history.Select(c => c.Size).Distinct().Count());
            Assert.Equal(history.OrderBy(c => c.Size).Select(c => c.Id), history.Select(c => c.Id));
            Assert.All(signed, s => Assert.Contains(history, h => h.Id == s.Id && h.Size == s.Size && h.Root.SequenceEqual(s.Root)));
            Assert.Equal(await ledgers[1].SizeAsync(), history[^1].Size);
            Assert.True(history.Count > 1);

            // Every checkpoint is a prefix of the newest, whichever registry signed it, under the one key.
            var verifier = new CheckpointVerifier(key.VerifierKey, Origin);
            Assert.All(history, c => Assert.True(verifier.Verify(c.Note).IsValid));
            foreach (var older in history.SkipLast(1).Where(c => c.Size > 0))
            {
                var proof = (await ledgers[(int)(older.Id % 3)].ConsistencyAsync(older.Size, history[^1].Size)).GetValueOrThrow();
                Assert.True(CheckpointConsistency.Verify(older.Note, history[^1].Note, proof.Path, verifier).IsValid, $"checkpoint {older.Size} is not a prefix of {history[^1].Size}");
            }
        }
        finally
        {
            foreach (var registry in registries)
            {
                await registry.DisposeAsync();
            }
        }
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        database.Dispose();
    }
}
