using Credence.Core.Records;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Record versions through the contract: a version is stored once under its key (source, source
/// record id, version), read back exactly as written, and never replaced.
/// </summary>
public abstract class RecordVersions(StoreKind kind) : StoreContract(kind)
{
    [Fact]
    public async Task A_stored_version_reads_back_exactly_as_written()
    {
        // Instants to the 100-ns tick, in another offset than UTC; a quantity with a scale; text in Chinese with an astral character.
        var occurred = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(8)).AddTicks(5_358_979);
        var reported = Start.AddTicks(1);
        var record = Rows.Record(Ids.Bob, "court", "Z-1", occurred: occurred, reported: reported, quantity: 12345678901234.5670m, note: "执行案件 𠀀 note");
        Assert.True(await WriteAsync(w => w.TryInsertRecord(record)));

        var stored = await ReadAsync(r => r.FindRecordVersion(record.Key, 1));
        Assert.NotNull(stored);
        Assert.Equal((Ids.Bob, RecordAction.Submitted, "judgment-defaulter", Area.Judicial), (stored.Subject, stored.Action, stored.Type, stored.Area));
        Assert.Equal((occurred.UtcTicks, reported.UtcTicks), (stored.OccurredAt.UtcTicks, stored.ReportedAt.UtcTicks));
        Assert.Equal(TimeSpan.Zero, stored.OccurredAt.Offset);
        Assert.Equal((record.LegalBasis, 12345678901234.567m, "执行案件 𠀀 note"), (stored.LegalBasis, stored.Quantity, stored.Note));
        Assert.True(stored.SamePayload(record));

        var back = Assert.Single(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob))));
        Assert.Equal((record.Key, record.Version, record.Action, record.Subject.Value), (back.Key, back.Version, back.Action, back.Subject.Value));
        Assert.Equal((occurred.UtcTicks, reported.UtcTicks, record.Quantity, record.Note), (back.OccurredAt.UtcTicks, back.ReportedAt.UtcTicks, back.Quantity, back.Note));
    }

    [Fact]
    public async Task Absent_fields_read_back_as_absent()
    {
        var record = Rows.Record(Ids.Bob, "court", "Z-1") with { LegalBasis = null, Quantity = null, Note = null };
        await WriteAsync(w => w.TryInsertRecord(record));
        var stored = (await ReadAsync(r => r.FindRecordVersion(record.Key, 1)))!;
        Assert.Equal((null, null, null), (stored.LegalBasis, stored.Quantity, stored.Note));
        Assert.Equal((string?)null, Assert.Single(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).LegalBasis);
    }

    [Fact]
    public async Task The_same_key_and_version_again_is_refused_and_changes_nothing()
    {
        var first = Rows.Record(Ids.Bob, "court", "Z-1", quantity: 10m);
        var conflicting = first with { Quantity = 20m, Subject = Rows.Subject(Ids.Alice), ReportedAt = Start.AddHours(1) };
        var (inserted, ledgerAfterFirst) = await WriteAsync(w => (w.TryInsertRecord(first), w.LastLedgerIndex));
        var again = await WriteAsync(w => w.TryInsertRecord(conflicting));

        // The refused version took no ledger entry: the next entry follows the first version's.
        var next = await WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("auditor", w.Now));
            return w.LastLedgerIndex;
        });
        Assert.True(inserted);
        Assert.False(again);
        Assert.Equal((0L, 1L), (ledgerAfterFirst, next));
        Assert.Equal(10m, (await ReadAsync(r => r.FindRecordVersion(first.Key, 1)))!.Quantity);
        Assert.Empty(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Alice))));
        Assert.Equal(1, (await ReadAsync(r => r.Counts(Start))).RecordVersions);
    }

    [Fact]
    public async Task A_refused_duplicate_inside_a_unit_leaves_the_rest_of_the_unit_to_commit()
    {
        var first = Rows.Record(Ids.Bob, "court", "Z-1");
        var results = await WriteAsync(w => (w.TryInsertRecord(first), w.TryInsertRecord(first with { Quantity = 3m }), w.TryInsertRecord(first with { Version = 2, Action = RecordAction.Withdrawn })));
        Assert.Equal((true, false, true), results);
        Assert.Equal(2, (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).Count);
    }

    [Fact]
    public async Task Versions_are_kept_apart_and_the_latest_is_the_highest_number_whatever_the_order_written()
    {
        var v1 = Rows.Record(Ids.Bob, "court", "Z-1", quantity: 1m);
        await WriteAsync(w => w.TryInsertRecord(v1));
        await WriteAsync(w => w.TryInsertRecord(v1 with { Version = 3, Action = RecordAction.Withdrawn, Quantity = 3m }));
        await WriteAsync(w => w.TryInsertRecord(v1 with { Version = 2, Action = RecordAction.Corrected, Quantity = 2m }));

        var latest = await ReadAsync(r => r.LatestRecordVersion(v1.Key));
        Assert.Equal(3, latest!.Value.Version);
        Assert.Equal((RecordAction.Withdrawn, 3m), (latest.Value.Stored.Action, latest.Value.Stored.Quantity));
        Assert.Equal(2m, (await ReadAsync(r => r.FindRecordVersion(v1.Key, 2)))!.Quantity);
        Assert.Null(await ReadAsync(r => r.FindRecordVersion(v1.Key, 4)));
        Assert.Equal([1, 2, 3], (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).Select(r => r.Version).Order());
    }

    [Fact]
    public async Task Version_numbers_compare_as_numbers_not_text()
    {
        var v = Rows.Record(Ids.Bob, "court", "Z-1");
        foreach (var version in new[] { 2, 10, 9 })
        {
            await WriteAsync(w => w.TryInsertRecord(v with { Version = version, Action = RecordAction.Corrected }));
        }

        Assert.Equal(10, (await ReadAsync(r => r.LatestRecordVersion(v.Key)))!.Value.Version);
    }

    [Fact]
    public async Task Keys_are_exact_the_source_the_case_the_spaces_and_the_unicode_form_all_count()
    {
        // Each of these is another record: a store that folds case, trims, normalises Unicode or
        // ignores the source would take one for another.
        string[] ids = ["A-1", "a-1", "A-1 ", " A-1", "Ａ-1", "é-1", "e\u0301-1", "甲-1"];
        var inserted = new List<bool>();
        foreach (var id in ids)
        {
            inserted.Add(await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", id, quantity: ids.ToList().IndexOf(id)))));
        }

        inserted.Add(await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "Court", "A-1", quantity: 100m))));
        inserted.Add(await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court2", "A-1", quantity: 101m))));
        Assert.All(inserted, Assert.True);

        for (var i = 0; i < ids.Length; i++)
        {
            var key = new RecordKey("court", ids[i]);
            Assert.Equal(i, (await ReadAsync(r => r.FindRecordVersion(key, 1)))!.Quantity);
            Assert.Equal(i, (await ReadAsync(r => r.LatestRecordVersion(key)))!.Value.Stored.Quantity);
        }

        Assert.Equal(100m, (await ReadAsync(r => r.FindRecordVersion(new RecordKey("Court", "A-1"), 1)))!.Quantity);
        Assert.Null(await ReadAsync(r => r.FindRecordVersion(new RecordKey("court", "A-2"), 1)));
        Assert.Null(await ReadAsync(r => r.LatestRecordVersion(new RecordKey("cour", "A-1"))));
        Assert.Equal(ids.Length + 2, (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).Count);
    }

    [Fact]
    public async Task A_subjects_records_are_its_own_only()
    {
        await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "B-1"));
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-1"));
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "A-2"));
        });

        Assert.Equal(["B-1"], (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).Select(r => r.Key.SourceRecordId));
        Assert.Equal(["A-1", "A-2"], (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Alice)))).Select(r => r.Key.SourceRecordId).Order(StringComparer.Ordinal));
        Assert.Empty(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Acme))));
    }

    [Fact]
    public async Task A_unit_reads_its_own_writes_before_it_commits()
    {
        var record = Rows.Record(Ids.Bob, "court", "Z-1");
        var seen = await WriteAsync(w =>
        {
            w.TryInsertRecord(record);
            return (w.FindRecordVersion(record.Key, 1) is not null, w.SubjectRecords(record.Subject).Count, w.LatestRecordVersion(record.Key)?.Version);
        });
        Assert.Equal((true, 1, (int?)1), seen);
    }

    [Fact]
    public async Task Records_survive_a_reopen()
    {
        var record = Rows.Record(Ids.Bob, "court", "Z-1", quantity: 7.25m);
        await WriteAsync(w => w.TryInsertRecord(record));
        await Test.ReopenAsync();
        Assert.Equal(7.25m, (await ReadAsync(r => r.FindRecordVersion(record.Key, 1)))!.Quantity);
        Assert.False(await WriteAsync(w => w.TryInsertRecord(record)));
    }
}
