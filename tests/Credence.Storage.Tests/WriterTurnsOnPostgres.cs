using Credence.Storage.Tests.Fixture;
using Npgsql;

namespace Credence.Storage.Tests;

/// <summary>
/// Two processes writing one PostgreSQL database take turns under the writers' advisory lock; the
/// one that waited must see, after its turn comes, every ledger entry the other committed meanwhile.
/// PostgreSQL only: the race is between the lock and the snapshot a statement reads.
/// </summary>
public sealed class WriterTurnsOnPostgres() : StoreContract(StoreKind.Postgres)
{
    [Fact]
    public async Task A_writer_that_waited_for_the_other_processes_turn_appends_after_what_it_committed()
    {
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        // The other process's tree is up to date as its next transaction begins: nothing was committed since its last.
        await other.WriteAsync(w => w.AppendAccess(Rows.Access("other-first", w.Now)));

        // This process holds the turn (its transaction is open, one entry appended) ...
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var holding = Store.WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("this-holding", w.Now));
            entered.Release();
            release.Wait();
            return w.LastLedgerIndex;
        });
        await entered.WaitAsync();

        // ... while the other process's next transaction waits for it, then commits after it.
        var waited = other.WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("other-waited", w.Now));
            return w.LastLedgerIndex;
        });
        await WaitForAWriterWaitingForItsTurnAsync(Test.Location);
        release.Release();

        Assert.Equal(1, await holding);
        Assert.Equal(2, await waited);
        Assert.Equal(["other-first", "this-holding", "other-waited"], (await ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
        Assert.Empty(Test.AuditLedger());
    }

    /// <summary>Polls the server's lock table until a session of this database waits for an advisory lock (at most a minute).</summary>
    private static async Task WaitForAWriterWaitingForItsTurnAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        for (var i = 0; i < 6000; i++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the other process's writer never waited for its turn");
    }
}
