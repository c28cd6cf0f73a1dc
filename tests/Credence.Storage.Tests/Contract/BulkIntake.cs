using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry;
using Credence.Registry.Intake;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The set-based intake seam (<see cref="IRegistryWriter.FindRecordVersions"/>,
/// <see cref="IRegistryWriter.TryInsertRecords"/>, <see cref="IRegistryWriter.ReadAhead"/>) and intake
/// over it: every line's fate, in line order, exactly as line-by-line intake gives it, with chains,
/// repeats and conflicts inside one batch, and versions another writer stored first.
/// </summary>
public abstract class BulkIntake(StoreKind kind) : RegistryContract(kind)
{
    /// <summary>Both sides of the staging threshold: a few rows go in one by one, many by a bulk path.</summary>
    public static TheoryData<int> Sizes => [3, 40];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_bulk_look_up_answers_each_stored_version_asked_for_and_nothing_else(int size)
    {
        await WriteAsync(w => w.TryInsertRecords([.. Enumerable.Range(0, size).Select(i => Rows.Record(Ids.Person(i), "court", "R-" + i, quantity: i % 2 == 0 ? 1.50m : null, note: i % 3 == 0 ? "n" : null))]));
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Person(0), "court", "R-0", version: 2, action: RecordAction.Withdrawn)));
        var asked = Enumerable.Range(0, size).SelectMany(i => new[] { Version("court", "R-" + i, 1), Version("court", "R-" + i, 2), Version("other", "R-" + i, 1) })
            .Append(Version("court", "R-0", 1)).ToList();

        var found = await WriteAsync(w => w.FindRecordVersions(asked));

        Assert.Equal(size + 1, found.Count);
        for (var i = 0; i < size; i++)
        {
            var one = await ReadAsync(r => r.FindRecordVersion(new RecordKey("court", "R-" + i), 1));
            Assert.Equal(one, found[Version("court", "R-" + i, 1)]);
        }

        Assert.Equal(RecordAction.Withdrawn, found[Version("court", "R-0", 2)].Action);
        Assert.Empty(await WriteAsync(w => w.FindRecordVersions([])));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_bulk_insert_says_which_it_stored_in_the_order_given_and_ledgers_them_in_that_order(int size)
    {
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "OLD")));
        var records = new List<Record>();
        for (var i = 0; i < size; i++)
        {
            records.Add(Rows.Record(i % 2 == 0 ? Ids.Bob : Ids.Alice, "court", "B-" + i));
            if (i % 5 == 0)
            {
                records.Add(Rows.Record(Ids.Bob, "court", "OLD"));             // stored before
                records.Add(Rows.Record(Ids.Alice, "court", "B-" + i));        // stored just before, in this call (another payload)
            }
        }

        var (inserted, size0, last) = await WriteAsync(w =>
        {
            var before = w.Ledger.Size();
            var result = w.TryInsertRecords(records);
            return (result, before, w.LastLedgerIndex);
        });

        Assert.Equal(records.Select((r, i) => !(r.Key.SourceRecordId == "OLD" || records.FindIndex(o => o.Key == r.Key) < i)), inserted);
        var stored = records.Where((_, i) => inserted[i]).ToList();
        Assert.Equal(size0 + stored.Count - 1, last);
        var keys = await ReadAsync(r => Enumerable.Range(0, stored.Count).Select(i => r.Ledger.Entry(size0 + i)!.RowKey).ToList());
        Assert.Equal(stored.Select(r => $"{r.Key.Source}/{r.Key.SourceRecordId}/1"), keys);
        Assert.Equal(stored.Where(r => r.Subject.Value == Ids.Alice).Select(r => r.Key).OrderBy(k => k.SourceRecordId, StringComparer.Ordinal), (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Alice)))).Select(r => r.Key));
        Assert.Equal(Ids.Bob, (await ReadAsync(r => r.FindRecordVersion(new RecordKey("court", "B-0"), 1)))!.Subject);
        Assert.Empty(Test.AuditLedger());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_version_another_writer_stored_first_is_reported_not_stored_and_the_rest_go_in(int size)
    {
        // A second store open on the same location stands for a second process.
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        await other.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-1", note: "theirs")));
        var records = Enumerable.Range(0, size).Select(i => Rows.Record(Ids.Alice, "court", "R-" + i, note: "ours")).ToList();

        var inserted = await WriteAsync(w => w.TryInsertRecords(records));

        Assert.Equal(Enumerable.Range(0, size).Select(i => i != 1), inserted);
        Assert.Equal("theirs", (await ReadAsync(r => r.FindRecordVersion(new RecordKey("court", "R-1"), 1)))!.Note);
        Assert.Equal(size - 1, (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Alice)))).Count);
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_writer_reads_the_versions_another_process_stored_since_its_last_unit_and_forgets_a_rolled_back_ones()
    {
        // The writer remembers a subject's versions between units (read, then read ahead): what another
        // process stores meanwhile, and what a rolled-back unit inserted, must still be read right.
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        var bob = Rows.Subject(Ids.Bob);
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-1")));
        Assert.Single(await WriteAsync(w => w.SubjectRecords(bob)));
        await WriteAsync(w => w.ReadAhead([bob]));

        await other.WriteAsync(w => w.TryInsertRecords([.. Enumerable.Range(2, 20).Select(i => Rows.Record(Ids.Bob, "court", "R-" + i))]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<bool>(w =>
        {
            w.TryInsertRecords([.. Enumerable.Range(30, 20).Select(i => Rows.Record(Ids.Bob, "court", "R-" + i))]);
            Assert.Equal(41, w.SubjectRecords(bob).Count);
            throw new InvalidOperationException("rolled back");
        }));

        Assert.Equal(21, (await WriteAsync(w => w.SubjectRecords(bob))).Count);
        Assert.Equal(21, await WriteAsync(w =>
        {
            w.ReadAhead([bob]);
            return w.SubjectRecords(bob).Count;
        }));

        // In the file's order (source, source record id, version; ordinal), remembered or read afresh.
        var fileOrder = Enumerable.Range(1, 21).Select(i => "R-" + i).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fileOrder, (await WriteAsync(w => w.SubjectRecords(bob))).Select(r => r.Key.SourceRecordId));
        Assert.Equal(fileOrder, (await Store.ReadAsync(r => r.SubjectRecords(bob))).Select(r => r.Key.SourceRecordId));
    }

    [Fact]
    public async Task A_subjects_versions_come_in_file_order_whichever_order_they_were_stored_in()
    {
        // Two sources, ids that sort differently as numbers and as text, corrections stored after
        // later records: the writer (remembering) and a reader (reading) give the same, file, order.
        var bob = Rows.Subject(Ids.Bob);
        await WriteAsync(w => w.TryInsertRecords([Rows.Record(Ids.Bob, "tax", "T-9"), Rows.Record(Ids.Bob, "court", "R-10")]));
        Assert.Equal(2, (await WriteAsync(w => w.SubjectRecords(bob))).Count);
        await WriteAsync(w => w.TryInsertRecords([Rows.Record(Ids.Bob, "court", "R-9"), Rows.Record(Ids.Bob, "Court", "R-1"), Rows.Record(Ids.Bob, "court", "R-10", version: 2, action: RecordAction.Corrected)]));
        await WriteAsync(w => w.TryInsertRecords([Rows.Record(Ids.Bob, "tax", "T-10"), Rows.Record(Ids.Bob, "court", "R-10", version: 3, action: RecordAction.Withdrawn)]));

        string[] expected = ["Court/R-1/1", "court/R-10/1", "court/R-10/2", "court/R-10/3", "court/R-9/1", "tax/T-10/1", "tax/T-9/1"];
        static string Name(Record r) => $"{r.Key.Source}/{r.Key.SourceRecordId}/{r.Version}";
        Assert.Equal(expected, (await WriteAsync(w => w.SubjectRecords(bob))).Select(Name));
        Assert.Equal(expected, await WriteAsync(w =>
        {
            w.ReadAhead([bob]);
            return w.SubjectRecords(bob).Select(Name).ToList();
        }));
        Assert.Equal(expected, (await Store.ReadAsync(r => r.SubjectRecords(bob))).Select(Name));
    }

    [Fact]
    public async Task Intake_finds_a_version_another_writer_stored_first_a_duplicate_or_a_conflict()
    {
        var court = await CourtAsync();
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        var changed = Lines.Defaulter(Ids.Bob, "Z-2");
        await other.WriteAsync(w => w.TryInsertRecords(
        [
            Rows.Record(Ids.Bob, "intermediate-court", "Z-1", occurred: new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero)) with { LegalBasis = line.LegalBasis },
            Rows.Record(Ids.Bob, "intermediate-court", "Z-2"),
        ]));

        var lines = Enumerable.Range(0, 30).Select(i => Lines.Defaulter(Ids.Person(i), "N-" + i)).Prepend(changed).Prepend(line).ToList();
        var batch = (await Registry.Intake.SubmitBatchAsync(court, lines)).GetValueOrThrow();

        Assert.Equal(FateKind.Duplicate, batch.Fates[0].Fate);
        Assert.Equal((FateKind.Rejected, ProblemTypes.Conflict), (batch.Fates[1].Fate, batch.Fates[1].Problem!.Type));
        Assert.All(batch.Fates.Skip(2), f => Assert.Equal(FateKind.Accepted, f.Fate));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Reads_after_a_read_ahead_answer_what_the_stored_rows_say_whatever_the_unit_writes_after_it()
    {
        const string Tag = "rongcheng-persons@2026.1";
        var subjects = Enumerable.Range(0, 30).Select(Ids.Person).ToList();
        await WriteAsync(w =>
        {
            w.TryInsertRecords([.. subjects.Select(s => Rows.Record(s, "court", "R-" + s))]);
            foreach (var s in subjects.Take(20))
            {
                w.SaveSubjectState(Rows.State(s, Start.AddDays(1)));
                w.OpenListing(Rows.Listing(s, "court-defaulters", Tag, Start));
                w.OpenListing(Rows.Listing(s, "other", Tag, Start));
                w.InsertDispute(Rows.Dispute("d-" + s, s, "court", Start, Start.AddDays(30)));
                w.InsertRepair(Rows.Repair("r-" + s, s, Start, Start));
                w.InsertConsent(new Registry.Consent.ConsentChange(0, s, true, Start, s));
            }
        });

        // The unit reads ahead, then changes every kind of row read ahead, then reads them all.
        var seen = await WriteAsync(w =>
        {
            w.ReadAhead([.. subjects.Select(Rows.Subject)]);
            var listings = w.SubjectListings(subjects[0], openOnly: true);
            w.TryInsertRecords([.. subjects.Take(25).Select(s => Rows.Record(s, "court", "S-" + s))]);
            w.TryInsertRecord(Rows.Record(subjects[29], "court", "T-1"));
            w.SaveSubjectState(Rows.State(subjects[1], Start.AddDays(2), grade: "C"));
            w.SaveSubjectState(Rows.State(subjects[25], Start.AddDays(3), grade: "D"));
            w.EndListing(listings[0].Id, Start.AddHours(1));
            w.UpdateListing(listings[1].Id, Start.AddHours(-1), Start.AddDays(9));
            w.SetListingPublished(w.SubjectListings(subjects[2], openOnly: true)[0].Id, false);
            w.OpenListing(Rows.Listing(subjects[3], "new-list", Tag, Start));
            w.OpenListing(Rows.Listing(subjects[26], "new-list", Tag, Start));
            w.UpdateDispute(Rows.Dispute("d-" + subjects[4], subjects[4], "court", Start, Start.AddDays(30), Core.DueProcess.DisputeState.Withdrawn, Start));
            w.InsertDispute(Rows.Dispute("e-" + subjects[27], subjects[27], "court", Start, Start.AddDays(30)));
            w.GrantRepair("r-" + subjects[5], Start.AddHours(2));
            w.InsertRepair(Rows.Repair("s-" + subjects[28], subjects[28], Start, Start));
            w.InsertConsent(new Registry.Consent.ConsentChange(0, subjects[6], false, Start.AddMinutes(1), subjects[6]));
            return Snapshot(w, subjects);
        });

        Assert.Equal(await ReadAsync(r => Snapshot(r, subjects)), seen);
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_lines_gets_every_fate_in_line_order_as_line_by_line_intake_gives_it()
    {
        var court = await CourtAsync();
        string S(int g) => Ids.Person(g % 300);
        var before = new List<RecordLine>();
        for (var g = 0; g < 720; g++)
        {
            before.Add(Lines.Defaulter(S(g), "A" + g));
            before.Add(Lines.Defaulter(S(g), "W" + g));
            before.Add(Lines.Withdrawal(Lines.Defaulter(S(g), "W" + g)));
        }

        Assert.Equal(before.Count, (await Registry.Intake.SubmitBatchAsync(court, before)).GetValueOrThrow().Accepted);

        var lines = new List<NumberedLine>();
        var expected = new List<(FateKind, string?)>();
        void Add(RecordLine? line, FateKind fate, string? problem = null)
        {
            if (lines.Count < 10_000)
            {
                lines.Add(new NumberedLine(lines.Count + 1, line, line is null ? new IntakeProblem(ProblemTypes.MalformedJson, string.Empty, "not json") : null));
                expected.Add((fate, problem));
            }
        }

        for (var g = 0; lines.Count < 10_000; g++)
        {
            Add(Lines.Defaulter(S(g), "N" + g), FateKind.Accepted);
            Add(Lines.Defaulter(S(g), "A" + g), FateKind.Duplicate);
            Add(Lines.Defaulter(S(g), "A" + g) with { LegalBasis = "changed" }, FateKind.Rejected, ProblemTypes.Conflict);
            Add(Lines.Defaulter(S(g), "C" + g), FateKind.Accepted);
            Add(Lines.Defaulter(S(g), "C" + g, "2026-05-02T00:00:00Z") with { Version = 2, Action = "corrected" }, FateKind.Accepted);
            Add(Lines.Withdrawal(Lines.Defaulter(S(g), "C" + g, "2026-05-02T00:00:00Z"), version: 3), FateKind.Accepted);
            Add(Lines.Defaulter(S(g), "C" + g) with { Version = 4, Action = "corrected" }, FateKind.Rejected, ProblemTypes.Conflict);
            Add(Lines.Defaulter(S(g), "M" + g) with { Version = 2, Action = "corrected" }, FateKind.Rejected, ProblemTypes.NotFound);
            Add(Lines.Defaulter(Ids.Person(1000 + g), "A" + g) with { Version = 2, Action = "corrected" }, FateKind.Rejected, ProblemTypes.BadValue);
            Add(Lines.Defaulter(S(g), "N" + g), FateKind.Duplicate);
            Add(Lines.Defaulter(S(g), "N" + g) with { LegalBasis = "changed" }, FateKind.Rejected, ProblemTypes.Conflict);
            Add(Lines.Withdrawal(Lines.Defaulter(S(g), "W" + g), version: 3), FateKind.Rejected, ProblemTypes.Conflict);
            Add(Lines.Withdrawal(Lines.Defaulter(S(g), "W" + g)), FateKind.Duplicate);
            Add(null, FateKind.Rejected, ProblemTypes.MalformedJson);
        }

        var batch = (await Registry.Intake.SubmitAsync(court, lines)).GetValueOrThrow();

        Assert.Equal(Enumerable.Range(1, 10_000), batch.Fates.Select(f => f.Line));
        Assert.Equal(expected, batch.Fates.Select(f => (f.Fate, f.Problem?.Type)));
        Assert.Contains("nothing follows a withdrawal", batch.Fates[6].Problem!.Message, StringComparison.Ordinal);
        Assert.Contains("is about another subject", batch.Fates[8].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("intermediate-court/C0", batch.Fates[5].Record);
        Assert.Equal(3, batch.Fates[5].Version);

        var c0 = await ReadAsync(r => r.SubjectRecords(Rows.Subject(S(0))).Where(x => x.Key.SourceRecordId == "C0").Select(x => (x.Version, x.Action)).ToList());
        Assert.Equal([(1, RecordAction.Submitted), (2, RecordAction.Corrected), (3, RecordAction.Withdrawn)], c0);
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    private static RecordVersionKey Version(string source, string id, int version) => new(new RecordKey(source, id), version);

    /// <summary>Everything a re-scoring reads of these subjects, as comparable text.</summary>
    private static List<string> Snapshot(IRegistryReader r, IEnumerable<string> subjects) =>
        [.. subjects.Select(s => string.Join(" | ",
            string.Join(",", r.SubjectRecords(Rows.Subject(s)).Select(x => $"{x.Key}/{x.Version}/{x.ReportedAt.UtcTicks}/{x.OccurredAt.UtcTicks}/{x.Quantity}/{x.Note}")),
            r.FindSubjectState(s) is { } st ? $"{st.Grade}/{st.ReviewAt.UtcTicks}/{string.Join(",", st.Lists)}" : "no state",
            string.Join(",", r.SubjectListings(s, openOnly: true).Select(l => $"{l.Id}/{l.List}/{l.Published}/{l.Since?.UtcTicks}/{l.Until?.UtcTicks}")),
            string.Join(",", r.SubjectDisputes(s).Select(d => $"{d.Id}/{d.State}/{d.ClosedAt?.UtcTicks}")),
            string.Join(",", r.GrantedRepairs(s).Select(g => $"{g.Record}/{g.EffectiveAt.UtcTicks}")),
            r.ConsentAt(s, Start.AddHours(1)).ToString()))];
}
