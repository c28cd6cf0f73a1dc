using Credence.Storage.Tests.Fixture;
using Credence.Registry.Storage;
using Npgsql;

namespace Credence.Storage.Tests;

/// <summary>
/// Several processes writing one PostgreSQL database take turns; the one whose turn comes catches up
/// with what the others appended instead of starting cold. It must never answer from memory a
/// subject another process changed, must keep what nobody changed, and must go on appending a ledger
/// whose every node the audit recomputes. PostgreSQL only: a SQLite file has one writer process.
/// </summary>
public sealed class WritersCatchUpOnPostgres() : StoreContract(StoreKind.Postgres)
{
    [Fact]
    public async Task A_writer_forgets_the_subjects_another_process_changed_and_keeps_the_rest()
    {
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1"));
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1", note: "as reported"));
        });
        await WriteAsync(w =>
        {
            // This writer now remembers both files (and Acme's, which has no record yet).
            Assert.Single(w.SubjectRecords(Rows.Subject(Ids.Alice)));
            Assert.Single(w.SubjectRecords(Rows.Subject(Ids.Bob)));
            Assert.Empty(w.SubjectRecords(Rows.Subject(Ids.Acme)));
        });

        // A marker the writers cannot see coming: Bob's row changed behind them (no ledger entry, no
        // new version). A writer that still remembers Bob answers with the note it read; one that
        // forgot him reads the marker.
        await SqlAsync("UPDATE records SET note = 'changed behind' WHERE subject = $1", Ids.Bob);

        // The other process changes Alice (a new record, and a correction) and Acme (a first record).
        await other.WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-2"));
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1", version: 2, note: "corrected"));
            return w.TryInsertRecord(Rows.Record(Ids.Acme, "tax", "T-1"));
        });

        await WriteAsync(w =>
        {
            Assert.Equal(["A-1/1", "A-1/2", "A-2/1"], Versions(w.SubjectRecords(Rows.Subject(Ids.Alice))));
            Assert.Equal(["T-1/1"], Versions(w.SubjectRecords(Rows.Subject(Ids.Acme))));
            Assert.Equal("as reported", Assert.Single(w.SubjectRecords(Rows.Subject(Ids.Bob))).Note);
        });

        await SqlAsync("UPDATE records SET note = 'as reported' WHERE subject = $1", Ids.Bob);
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Three_writers_taking_turns_each_see_every_version_the_others_inserted()
    {
        await using var second = StoreFactory.Open(Kind, Test.Location, Wall);
        await using var third = StoreFactory.Open(Kind, Test.Location, Wall);
        IRegistryStore[] writers = [Store, second, third];
        var subjects = new[] { Ids.Alice, Ids.Bob, Ids.Person(1), Ids.Person(2) };
        var expected = subjects.ToDictionary(s => s, _ => new List<string>());
        for (var turn = 0; turn < 24; turn++)
        {
            var writer = writers[turn % 3];
            var subject = subjects[(turn * 7) % subjects.Length];
            var id = "R-" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await writer.WriteAsync(w =>
            {
                // Every writer reads (and so remembers) every file, then changes one, in its turn.
                foreach (var s in subjects)
                {
                    Assert.Equal(expected[s].Order(StringComparer.Ordinal), Versions(w.SubjectRecords(Rows.Subject(s))).Order(StringComparer.Ordinal));
                }

                Assert.True(w.TryInsertRecord(Rows.Record(subject, "court", id)));
                return w.AppendAccess(Rows.Access("writer-" + (turn % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), w.Now, subject));
            });
            expected[subject].Add(id + "/1");
        }

        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task After_another_process_changes_more_subjects_than_are_forgotten_one_by_one_the_writer_still_sees_them_all()
    {
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        var many = Enumerable.Range(0, 1100).Select(Ids.Person).ToList();
        await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(many[0], "court", "first"));
            Assert.Single(w.SubjectRecords(Rows.Subject(many[0])));
            Assert.Empty(w.SubjectRecords(Rows.Subject(many[^1])));
        });

        await other.WriteAsync(w => w.TryInsertRecords([.. many.Select((s, i) => Rows.Record(s, "bulk", "B-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]));

        await WriteAsync(w =>
        {
            Assert.Equal(2, w.SubjectRecords(Rows.Subject(many[0])).Count);
            Assert.Single(w.SubjectRecords(Rows.Subject(many[^1])));
            Assert.Single(w.SubjectRecords(Rows.Subject(many[1])));
        });

        // A small intake batch by the other process: its subjects are forgotten one by one.
        await other.WriteAsync(w => w.TryInsertRecords([Rows.Record(many[1], "bulk", "again-1"), Rows.Record(many[^1], "bulk", "again-2"), Rows.Record(Ids.Bob, "bulk", "again-3")]));

        await WriteAsync(w =>
        {
            Assert.Equal(2, w.SubjectRecords(Rows.Subject(many[1])).Count);
            Assert.Equal(2, w.SubjectRecords(Rows.Subject(many[^1])).Count);
            Assert.Equal(2, w.SubjectRecords(Rows.Subject(many[0])).Count);
        });
        Assert.Empty(Test.AuditLedger());
    }

    /// <summary>
    /// The other process appends k entries between two of this writer's turns, for k across the
    /// tree's subtree boundaries and past the nodes a catch-up reads at most (then the tree is
    /// reopened); every node this writer stores afterwards must be the one the audit recomputes.
    /// </summary>
    [Fact]
    public async Task After_the_other_process_appends_k_entries_this_writer_appends_a_tree_the_audit_recomputes()
    {
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        long size = 0;
        foreach (var k in new[] { 1, 1, 2, 3, 5, 8, 16, 31, 64, 127, 255, 256, 257, 1023, 2100 })
        {
            Assert.Equal(size, await WriteAsync(w =>
            {
                w.AppendAccess(Rows.Access("this", w.Now));
                return w.LastLedgerIndex;
            }));
            size++;
            await other.WriteAsync(w =>
            {
                for (var i = 0; i < k; i++)
                {
                    w.AppendAccess(Rows.Access("other", w.Now));
                }

                return w.LastLedgerIndex;
            });
            size += k;
        }

        Assert.Equal(size, await WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("this", w.Now));
            return w.LastLedgerIndex;
        }));
        Assert.Empty(Test.AuditLedger());
    }

    private static List<string> Versions(IEnumerable<Record> records) =>
        [.. records.Select(r => r.Key.SourceRecordId + "/" + r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private async Task SqlAsync(string sql, string subject)
    {
        await using var connection = new NpgsqlConnection(Test.Location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
