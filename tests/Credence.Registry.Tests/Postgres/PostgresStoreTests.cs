using Microsoft.Extensions.Time.Testing;
using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Postgres;

namespace Credence.Registry.Tests.Postgres;

/// <summary>The PostgreSQL store's own mechanics against a real server: migrations, group commit, failures, instants, snapshots.</summary>
/// <remarks>
/// Implementation note: the migrations' own tests start from an empty database; every other test from a copy of one
/// migrated once for the class (<see cref="Schema"/>), which is what the test's own store would have made of an empty one.
/// </remarks>
public sealed class PostgresStoreTests(PostgresStoreTests.Schema schema) : IClassFixture<PostgresStoreTests.Schema>, IDisposable
{
    private readonly FakeTimeProvider clock = new(TestRegistry.Start);
    private readonly Lazy<PostgresDatabase> database = new(schema.Database.Copy);
    private readonly Lazy<PostgresDatabase> empty = new(PostgresDatabase.Create);

    /// <summary>This test's database, with the store's schema.</summary>
    private PostgresDatabase Db => database.Value;

    /// <summary>This test's database, empty (for the migrations' tests).</summary>
    private PostgresDatabase Empty => empty.Value;

    public void Dispose()
    {
        foreach (var made in new[] { database, empty }.Where(d => d.IsValueCreated))
        {
            made.Value.Dispose();
        }
    }

    [PostgresFact]
    public async Task Migrations_run_once_record_their_versions_and_migrate_alone_reports_the_version()
    {
        var (version, applied) = await PostgresRegistryStore.MigrateAsync(Empty.ConnectionString, clock);
        Assert.Equal(PostgresRegistryStore.SchemaVersion, version);
        Assert.Equal(Enumerable.Range(1, PostgresRegistryStore.SchemaVersion), applied);

        await using (var store = PostgresRegistryStore.Open(Empty.ConnectionString, clock))
        {
            Assert.Empty(store.AppliedMigrations);
            Assert.Equal(PostgresRegistryStore.SchemaVersion, ((IRegistryStore)store).SchemaVersion);
        }

        var rows = Empty.Query("SELECT version, applied_at FROM schema_migrations ORDER BY version", r =>
        {
            var found = new List<(int, long)>();
            while (r.Read())
            {
                found.Add((r.GetInt32(0), r.GetInt64(1)));
            }

            return found;
        });
        Assert.Equal(Enumerable.Range(1, PostgresRegistryStore.SchemaVersion).Select(v => (v, TestRegistry.Start.UtcTicks)), rows);
        var again = await PostgresRegistryStore.MigrateAsync(Empty.ConnectionString, clock);
        Assert.Equal((PostgresRegistryStore.SchemaVersion, 0), (again.Version, again.Applied.Count));
    }

    [PostgresFact]
    public async Task A_schema_newer_than_the_program_is_refused_and_left_alone()
    {
        await PostgresRegistryStore.MigrateAsync(Empty.ConnectionString, clock);
        Empty.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', 0)");
        var refused = Assert.Throws<StoreUnavailableException>(() => PostgresRegistryStore.Open(Empty.ConnectionString, clock));
        Assert.Contains("version 999", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresRegistryStore.SchemaVersion + 1, Empty.Query("SELECT COUNT(*) FROM schema_migrations", r => r.Read() ? r.GetInt64(0) : -1));
    }

    [PostgresFact]
    public async Task Concurrent_openings_migrate_once()
    {
        var opens = Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresRegistryStore.Open(Empty.ConnectionString, clock))).ToList();
        var stores = await Task.WhenAll(opens);
        Assert.Equal(Enumerable.Range(1, PostgresRegistryStore.SchemaVersion), stores.SelectMany(s => s.AppliedMigrations).Order());
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task One_read_sees_one_snapshot_even_when_a_write_commits_in_between()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        await store.WriteAsync(w => Append(w, "first"));
        var (before, after) = await store.ReadAsync(r =>
        {
            var first = r.AccessLog(0, 100).Count;
            store.WriteAsync(w => Append(w, "second")).GetAwaiter().GetResult();
            return (first, r.AccessLog(0, 100).Count);
        });
        Assert.Equal(1, before);
        Assert.Equal(before, after);
        Assert.Equal(2, await store.ReadAsync(r => r.AccessLog(0, 100).Count));
    }

    [PostgresFact]
    public async Task Writes_queued_while_the_writer_is_busy_commit_together_in_queue_order()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        using var busy = BusyWriter.Hold(store);
        var writes = Enumerable.Range(0, 100).Select(i => store.WriteAsync(w =>
        {
            w.AppendAccess(new AccessEvent(0, w.Now, null, "p" + i, null, "test", null, null, AccessOutcome.Ok, null));
            return i;
        })).ToList();
        Assert.DoesNotContain(writes, w => w.IsCompleted);

        await busy.ReleaseAsync();
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(writes));
        Assert.Equal(2, store.Commits);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "p" + i), (await store.ReadAsync(r => r.AccessLog(0, 1000))).Select(e => e.Principal));
    }

    [PostgresFact]
    public async Task A_failing_unit_of_work_fails_alone_and_its_rows_are_gone()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        using var busy = BusyWriter.Hold(store);
        var good1 = store.WriteAsync(w => Append(w, "good-1"));
        var bad = store.WriteAsync<bool>(w =>
        {
            Append(w, "bad");
            throw new InvalidOperationException("refused");
        });

        // A unit the database itself refuses (a key that already exists) fails alone too.
        var duplicate = store.WriteAsync(w =>
        {
            w.InsertPolicy(new Policies.StoredPolicy("p@1", "p", "1", SubjectKind.Person, "x", clock.GetUtcNow(), "op"));
            w.InsertPolicy(new Policies.StoredPolicy("p@1", "p", "1", SubjectKind.Person, "x", clock.GetUtcNow(), "op"));
            return true;
        });
        var good2 = store.WriteAsync(w => Append(w, "good-2"));
        await busy.ReleaseAsync();

        await good1;
        await good2;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.Equal(["good-1", "good-2"], (await store.ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
        Assert.Null(await store.ReadAsync(r => r.FindPolicy("p@1")));
    }

    [PostgresFact]
    public async Task Disposing_drains_every_queued_write_and_then_refuses_more()
    {
        var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        var writes = Enumerable.Range(0, 300).Select(i => store.WriteAsync(w => Append(w, "p" + i))).ToList();
        await store.DisposeAsync();
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(w => Append(w, "late")));

        await using var reopened = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        Assert.Equal(300, (await reopened.ReadAsync(r => r.AccessLog(0, 1000))).Count);
    }

    [PostgresFact]
    public async Task A_write_cancelled_before_it_ran_is_not_written()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        using var cancel = new CancellationTokenSource();
        using var busy = BusyWriter.Hold(store);
        var cancelled = store.WriteAsync(w => Append(w, "cancelled"), cancel.Token);
        await cancel.CancelAsync();
        await busy.ReleaseAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Empty(await store.ReadAsync(r => r.AccessLog(0, 10)));
    }

    [PostgresFact]
    public async Task A_units_instant_is_taken_when_it_is_ordered_and_never_goes_back()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        var first = await store.WriteAsync(w => w.Now);
        Assert.Equal(TestRegistry.Start, first);

        // The clock stepped back (an NTP correction): the next unit keeps the last instant.
        clock.AdjustTime(TestRegistry.Start.AddMinutes(-5));
        Assert.Equal(first, await store.WriteAsync(w => w.Now));

        // A unit queued behind a busy writer takes its instant when it runs, not when it was queued.
        clock.AdjustTime(TestRegistry.Start.AddMinutes(1));
        using var busy = BusyWriter.Hold(store);
        var queued = store.WriteAsync(w => w.Now);
        clock.AdjustTime(TestRegistry.Start.AddMinutes(2));
        await busy.ReleaseAsync();
        Assert.Equal(TestRegistry.Start.AddMinutes(2), await queued);
    }

    [PostgresFact]
    public async Task A_units_instant_never_goes_back_across_a_restart_with_the_clock_set_back()
    {
        clock.AdjustTime(TestRegistry.Start.AddHours(1));
        await using (var store = PostgresRegistryStore.Open(Db.ConnectionString, clock))
        {
            Assert.Equal(TestRegistry.Start.AddHours(1), await store.WriteAsync(w => w.Now));
        }

        clock.AdjustTime(TestRegistry.Start);
        await using var reopened = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        Assert.Equal(TestRegistry.Start.AddHours(1), await reopened.WriteAsync(w => w.Now));
    }

    [PostgresFact]
    public async Task Two_processes_with_different_clocks_on_one_database_never_order_a_unit_before_the_others_last()
    {
        var behind = new FakeTimeProvider(TestRegistry.Start.AddMinutes(-30));
        await using var ahead = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        await using var late = PostgresRegistryStore.Open(Db.ConnectionString, behind);
        Assert.Equal(TestRegistry.Start, await ahead.WriteAsync(w => w.Now));
        Assert.Equal(TestRegistry.Start, await late.WriteAsync(w => w.Now));

        // Both append to the one ledger in turn, with no gap and no fork.
        await ahead.WriteAsync(w => Append(w, "a"));
        await late.WriteAsync(w => Append(w, "b"));
        await ahead.WriteAsync(w => Append(w, "c"));
        Assert.Equal(["a", "b", "c"], (await ahead.ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
        Assert.Equal(3, await late.ReadAsync(r => r.Ledger.Size()));
        Assert.Empty((await late.ReadAsync(r => Registry.Ledger.LedgerAudit.Run(r.Ledger, null))).Problems);
    }

    [PostgresFact]
    public async Task A_broken_writer_connection_fails_its_units_and_the_next_unit_reconnects()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        await store.WriteAsync(w => Append(w, "before"));
        var killed = store.WriteAsync<bool>(w =>
        {
            Db.Execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'credence' AND pid <> pg_backend_pid()");
            return Append(w, "lost");
        });
        await Assert.ThrowsAnyAsync<Exception>(() => killed);
        await store.WriteAsync(w => Append(w, "after"));
        Assert.Equal(["before", "after"], (await store.ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
    }

    [PostgresFact]
    public async Task Record_versions_are_idempotent_by_key_and_version_and_read_back_exactly()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        var subject = SubjectIdentifiers.Parse(Ids.Person(1), new DateOnly(2026, 6, 1));
        var occurred = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567_89);
        var record = new Record(new RecordKey("court", "c-1"), 1, RecordAction.Submitted, subject, "judgment-defaulter", Area.Judicial,
            occurred, TestRegistry.Start, "(2026) 京01执 1号", 1234.5000m, "一个说明 with emoji 😀");
        Assert.True(await store.WriteAsync(w => w.TryInsertRecord(record)));
        Assert.False(await store.WriteAsync(w => w.TryInsertRecord(record with { Note = "other" })));

        var stored = (await store.ReadAsync(r => r.FindRecordVersion(record.Key, 1)))!;
        Assert.True(stored.SamePayload(record));
        Assert.False(stored.SamePayload(record with { Note = "other" }));
        Assert.Equal(occurred.UtcTicks, stored.OccurredAt.UtcTicks);
        Assert.Equal("1234.5000", stored.Quantity!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(await store.ReadAsync(r => r.FindRecordVersion(record.Key, 2)));

        var correction = record with { Version = 2, Action = RecordAction.Corrected, Quantity = null, LegalBasis = null, Note = null };
        Assert.True(await store.WriteAsync(w => w.TryInsertRecord(correction)));
        var latest = (await store.ReadAsync(r => r.LatestRecordVersion(record.Key)))!.Value;
        Assert.Equal(2, latest.Version);
        Assert.True(latest.Stored.SamePayload(correction));
        var file = await store.ReadAsync(r => r.SubjectRecords(subject));
        Assert.Equal([1, 2], file.Select(f => f.Version));
        Assert.Equal(record.Note, file[0].Note);
        Assert.Equal(occurred.UtcTicks, file[0].OccurredAt.UtcTicks);
    }

    [PostgresFact]
    public async Task Subjects_page_by_key_in_byte_order_and_list_members_page_in_a_stable_order()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        string[] subjects = ["a", "B", "b", "Z", "é", "中", "0", "_"];
        await store.WriteAsync(w =>
        {
            foreach (var s in subjects)
            {
                w.SaveSubjectState(new SubjectState(s, SubjectKind.Person, "p@1", ScoreStatus.Scored, 1000, "A", ["court-defaulters"], w.Now, w.Now.AddDays(1)));
                w.OpenListing(new ListingRow(0, s, "court-defaulters", "p@1", true, TestRegistry.Start.AddDays(-1), s == "Z" ? TestRegistry.Start : null, null));
            }

            return true;
        });
        var paged = new List<string>();
        var after = string.Empty;
        while (await store.ReadAsync(r => r.SubjectsOfKind(SubjectKind.Person, after, 3)) is { Count: > 0 } page)
        {
            paged.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(subjects.Order(StringComparer.Ordinal), paged);
        var members = await store.ReadAsync(r => r.ListMembers("court-defaulters", ["p@1"], TestRegistry.Start, 2, 3));
        Assert.Equal(7, members.Total);
        Assert.Equal(subjects.Where(s => s != "Z").Order(StringComparer.Ordinal).Skip(2).Take(3), members.Entries.Select(e => e.Subject));
        Assert.Equal(0, (await store.ReadAsync(r => r.ListMembers("court-defaulters", ["other@1"], TestRegistry.Start, 0, 10))).Total);
        Assert.Equal(2, (await store.ReadAsync(r => r.SubjectsDueForReview(TestRegistry.Start.AddDays(1), 2))).Count);
        Assert.Empty(await store.ReadAsync(r => r.SubjectsDueForReview(TestRegistry.Start, 10)));
        var counts = await store.ReadAsync(r => r.Counts(TestRegistry.Start));
        Assert.Equal(8, counts.Subjects);
        Assert.Equal(new ListCount("p@1", "court-defaulters", 7), Assert.Single(counts.Lists));
        Assert.Equal(new GradeCount("p@1", ScoreStatus.Scored, "A", 8), Assert.Single(counts.Grades));
    }

    [PostgresFact]
    public async Task Notices_page_newest_first_by_instant_then_id_and_another_subjects_id_gives_an_empty_page()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        var t = TestRegistry.Start;
        DateTimeOffset[] instants = [t, t.AddHours(2), t.AddHours(1), t.AddHours(2), t];
        var ids = await store.WriteAsync(w => instants
            .Select(at => w.InsertNotice(new Registry.DueProcess.StoredNotice(0, "s1", at, Core.DueProcess.NoticeKind.Listed, "p@1", "title", [], [], null)))
            .ToArray());
        var other = await store.WriteAsync(w => w.InsertNotice(new Registry.DueProcess.StoredNotice(0, "s2", t, Core.DueProcess.NoticeKind.Listed, "p@1", "title", [], [], null)));

        long[] expected = [ids[3], ids[1], ids[2], ids[4], ids[0]];
        Assert.Equal(expected, (await store.ReadAsync(r => r.SubjectNotices("s1", 10))).Select(n => n.Id));
        Assert.Equal(expected[2..4], (await store.ReadAsync(r => r.SubjectNotices("s1", 2, expected[1]))).Select(n => n.Id));
        Assert.Empty(await store.ReadAsync(r => r.SubjectNotices("s1", 10, other)));
        Assert.Equal(5, await store.ReadAsync(r => r.SubjectNoticeCount("s1")));
    }

    [PostgresFact]
    public async Task Instants_are_stored_as_exact_utc_ticks()
    {
        await using var store = PostgresRegistryStore.Open(Db.ConnectionString, clock);
        var odd = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(7);
        await store.WriteAsync(w => w.AppendAccess(new AccessEvent(0, odd, null, "p", null, "test", "s", null, AccessOutcome.Ok, null)));
        Assert.Equal(odd.UtcTicks, Db.Query("SELECT at FROM access_log", r => r.Read() ? r.GetInt64(0) : 0));
        Assert.Equal(odd, (await store.ReadAsync(r => r.AccessLog(0, 1)))[0].At);
        Assert.Equal(odd, await store.ReadAsync(r => r.LastAccess("s", "test")));
        Assert.Null(await store.ReadAsync(r => r.LastAccess("s", "other")));
    }

    /// <summary>A database the store's migrations ran on, with the tests' clock; no connection stays open on it.</summary>
    public sealed class Schema : IAsyncLifetime
    {
        private PostgresDatabase? database;

        internal PostgresDatabase Database => database ?? throw new InvalidOperationException("the schema is not made");

        public async Task InitializeAsync()
        {
            database = PostgresDatabase.Create();
            await PostgresRegistryStore.MigrateAsync(database.ConnectionString, new FakeTimeProvider(TestRegistry.Start));
        }

        public Task DisposeAsync()
        {
            database?.Dispose();
            return Task.CompletedTask;
        }
    }

    private bool Append(IRegistryWriter w, string who)
    {
        w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, who, null, "test", null, null, AccessOutcome.Ok, null));
        return true;
    }
}
