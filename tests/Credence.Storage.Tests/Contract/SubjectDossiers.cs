using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The dossiers of a run of subjects (<see cref="IRegistryReader.Dossiers"/>), which whole-population
/// passes read: each is exactly what the subject's own queries return, whatever else lies in the run's
/// range of identifiers, by either plan a store may choose, on a reader and inside a unit of work.
/// </summary>
public abstract class SubjectDossiers(StoreKind kind) : StoreContract(kind)
{
    private static readonly string[] Persons = [.. Enumerable.Range(0, 30).Select(Ids.Person)];

    [Fact]
    public async Task A_run_holds_each_subjects_own_rows_and_nothing_of_the_subjects_between_them()
    {
        await WriteCityAsync();
        var everyone = Sorted([Ids.Alice, Ids.Bob, Ids.Acme, .. Persons]);

        // All of them (a range holding every subject: a store may pass over the tables), a few far apart
        // (a range holding most subjects, of which only the ends are asked for), and one alone (a narrow range).
        foreach (var run in new[] { everyone, Sorted([Ids.Alice, Ids.Bob]), Sorted([Persons[3], Ids.Acme]), Sorted([Persons[7]]), Sorted([Ids.Person(999)]) })
        {
            var dossiers = await ReadAsync(r => r.Dossiers(run, 3));
            Assert.Equal(run, dossiers.Select(d => d.Subject));
            foreach (var dossier in dossiers)
            {
                await AssertOwnRowsAsync(dossier, 3);
            }
        }

        var bob = (await ReadAsync(r => r.Dossiers(Sorted([Ids.Bob]), 3)))[0];
        Assert.Equal(["J-1", "J-1", "J-2"], bob.ReadCase().Records.Select(r => r.Key.SourceRecordId));
        Assert.Equal([1, 2, 1], bob.ReadCase().Records.Select(r => r.Version));
        Assert.Equal(["d-1", "d-2"], bob.ReadCase().Disputes.Select(d => d.Id));
        Assert.Equal(["r-1", "r-2", "r-3"], bob.Repairs.Select(r => r.Id));
        Assert.Equal(2, bob.ReadCase().Repairs.Count);
        Assert.Equal(3, bob.Decisions.Count);
        Assert.Equal(Start.AddHours(5), bob.Decisions[0].DecidedAt);
        Assert.Equal(4, bob.Consents.Count);
        Assert.Equal(1.5m, bob.ReadCase().Records[0].Quantity);
        Assert.Equal("paid late", bob.ReadCase().Records[0].Note);

        var nobody = (await ReadAsync(r => r.Dossiers(Sorted([Ids.Person(999)]), 3)))[0];
        Assert.Empty(nobody.ReadCase().Records);
        Assert.False(nobody.ConsentAt(Start.AddYears(1)));
        Assert.Empty(await ReadAsync(r => r.Dossiers([], 3)));
    }

    [Fact]
    public async Task Every_value_of_a_version_comes_back_exactly_as_stored()
    {
        await WriteCityAsync();

        // Texts in other scripts and encodings' edge cases, a text that is empty (not missing), missing
        // ones, long ones, and quantities at the decimal's edges: a dossier packs texts as bytes and
        // makes them again, so each must come back the same string.
        var tricky = new[]
        {
            Rows.Record(Persons[1], "人民法院", "（2026）京01执123号", quantity: -0.0000001m, note: "已履行 — paid in full ✓"),
            Rows.Record(Persons[1], "tax", "T-empty", note: string.Empty, action: RecordAction.Corrected, version: 2) with { LegalBasis = string.Empty },
            Rows.Record(Persons[1], "tax", "T-none") with { LegalBasis = null, Quantity = 79228162514264337593543950335m },
            Rows.Record(Persons[1], "tax", "T-long", note: new string('長', 3000)) with { LegalBasis = "𠀀𠀁 (outside the basic plane) " + new string('x', 5000) },
            Rows.Record(Persons[1], "tax", "T-ws", note: " \t\n ") with { Type = "tax-arrears", Area = Area.Administrative, Quantity = 0m },
        };
        await WriteAsync(w => tricky.Select(w.TryInsertRecord).ToList());

        var everyone = Sorted([Ids.Alice, Ids.Bob, Ids.Acme, .. Persons]);
        foreach (var run in new[] { everyone, Sorted([Persons[1]]), Sorted([Persons[0], Persons[2]]) })
        {
            foreach (var dossier in await ReadAsync(r => r.Dossiers(run, 0)))
            {
                await AssertOwnRowsAsync(dossier, 0);
                Assert.Equal(dossier.RecordVersions, dossier.ReadCase().Records.Count);
            }
        }

        var packed = (await ReadAsync(r => r.Dossiers(everyone, 0))).Single(d => d.Subject.Value == Persons[1]).ReadCase().Records;
        foreach (var record in tricky)
        {
            Assert.Equal(record, packed.Single(r => r.Key == record.Key));
        }

        // Each call makes the records anew: a pass that lets them go holds none of them.
        var twice = (await ReadAsync(r => r.Dossiers(Sorted([Persons[1]]), 0)))[0];
        Assert.NotSame(twice.ReadCase().Records[0], twice.ReadCase().Records[0]);
        Assert.Equal(twice.ReadCase().Records, twice.ReadCase().Records);
    }

    [Fact]
    public async Task Decisions_are_the_newest_up_to_the_number_asked_and_consent_is_as_at_an_instant()
    {
        await WriteCityAsync();
        foreach (var each in new[] { 0, 1, 5, 1000 })
        {
            var bob = (await ReadAsync(r => r.Dossiers(Sorted([Ids.Alice, Ids.Bob, Persons[0]]), each))).Single(d => d.Subject.Value == Ids.Bob);
            Assert.Equal((await ReadAsync(r => r.SubjectDecisions(Ids.Bob, Math.Max(each, 1)))).Take(each).Select(d => d.Id), bob.Decisions.Select(d => d.Id));
        }

        var dossier = (await ReadAsync(r => r.Dossiers(Sorted([Ids.Bob]), 0)))[0];
        foreach (var at in new[] { Start.AddDays(-11), Start.AddDays(-10), Start.AddDays(-5).AddTicks(-1), Start.AddDays(-5), Start, Start.AddDays(1), Start.AddDays(2) })
        {
            Assert.Equal(await ReadAsync(r => r.ConsentAt(Ids.Bob, at)), dossier.ConsentAt(at));
        }
    }

    [Fact]
    public async Task A_unit_of_work_reads_the_dossiers_of_its_own_writes()
    {
        await WriteCityAsync();
        var (inUnit, subjects) = await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Bob, "tax", "T-9", reported: Start.AddDays(1)));
            w.TryInsertRecord(Rows.Record(Persons[29], "tax", "T-10"));
            var run = Sorted([Ids.Alice, Ids.Bob, .. Persons]);
            return (w.Dossiers(run, 10), run);
        });

        Assert.Contains(inUnit.Single(d => d.Subject.Value == Ids.Bob).ReadCase().Records, r => r.Key == new RecordKey("tax", "T-9"));
        Assert.Equal(["R-29-0", "T-10"], inUnit.Single(d => d.Subject.Value == Persons[29]).ReadCase().Records.Select(r => r.Key.SourceRecordId));
        foreach (var dossier in await ReadAsync(r => r.Dossiers(subjects, 10)))
        {
            await AssertOwnRowsAsync(dossier, 10);
        }
    }

    [Fact]
    public async Task A_run_out_of_order_or_with_a_subject_twice_is_refused()
    {
        await WriteCityAsync();
        var sorted = Sorted([Ids.Alice, Ids.Bob, Persons[0]]);
        await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync(r => r.Dossiers([sorted[1], sorted[0], sorted[2]], 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync(r => r.Dossiers([sorted[0], sorted[1], sorted[1]], 1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadAsync(r => r.Dossiers(sorted, -1)));

        // The store is still usable after a refusal.
        Assert.Equal(3, (await ReadAsync(r => r.Dossiers(sorted, 1))).Count);
    }

    /// <summary>The dossier holds exactly what the subject's own queries return, in their orders.</summary>
    private async Task AssertOwnRowsAsync(SubjectDossier dossier, int decisions)
    {
        var id = dossier.Subject;
        Assert.Equal(await ReadAsync(r => r.SubjectRecords(id)), dossier.ReadCase().Records);
        Assert.Equal(await ReadAsync(r => r.SubjectDisputes(id.Value)), dossier.ReadCase().Disputes);
        Assert.Equal((await ReadAsync(r => r.SubjectRepairs(id.Value))).Select(Repair), dossier.Repairs.Select(Repair));
        Assert.Equal((await ReadAsync(r => r.GrantedRepairs(id.Value))).OrderBy(r => r.Record.SourceRecordId, StringComparer.Ordinal), dossier.ReadCase().Repairs.OrderBy(r => r.Record.SourceRecordId, StringComparer.Ordinal));
        Assert.Equal((await ReadAsync(r => r.SubjectDecisions(id.Value, decisions))).Select(d => d.Id), dossier.Decisions.Select(d => d.Id));
        Assert.Equal(await ReadAsync(r => r.ConsentHistory(id.Value)), dossier.Consents);
        Assert.All(dossier.ReadCase().Records, r => Assert.Equal(id, r.Subject));
    }

    /// <summary>A repair application's values (its assessment's arrays compare by reference).</summary>
    private static string Repair(RepairApplication r) =>
        string.Join('|', r.Id, r.Subject, r.AppliedAt.UtcTicks, r.EffectiveAt?.UtcTicks, r.Record, r.Assessment.Type, r.Assessment.PolicyVersion, r.Assessment.OpensAt?.UtcTicks,
            string.Join(',', r.Assessment.NeedsOneOf), r.Assessment.FulfilledBy, string.Join(',', r.Assessment.Unmet.Select(u => u.Code)));

    private static SubjectId[] Sorted(IEnumerable<string> ids) => [.. ids.Distinct().Order(StringComparer.Ordinal).Select(Rows.Subject)];

    /// <summary>
    /// Persons and an organisation with states (what a store may weigh a range by), records written out
    /// of file order, and Bob's disputes, repairs, decisions and consents among the others' rows.
    /// </summary>
    private Task WriteCityAsync() => WriteAsync(w =>
    {
        foreach (var (subject, n) in Persons.Concat([Ids.Alice, Ids.Acme]).Select((s, n) => (s, n)))
        {
            w.SaveSubjectState(Rows.State(subject, Start.AddDays(30)));
            for (var v = 0; v < n % 4; v++)
            {
                w.TryInsertRecord(Rows.Record(subject, v % 2 == 0 ? "court" : "tax", $"R-{n}-{v}", occurred: Start.AddDays(-v - 1)));
            }

            if (n % 5 == 0)
            {
                w.InsertDispute(Rows.Dispute($"x-{n}", subject, "court", Start.AddHours(n), Start.AddDays(30)));
                w.InsertRepair(Rows.Repair($"y-{n}", subject, Start.AddHours(n), n % 10 == 0 ? Start.AddHours(n + 1) : null));
                w.InsertDecision(ReadModels.Decision(subject, Start.AddMinutes(n), Guid.CreateVersion7(Start.AddMinutes(n))));
                w.InsertConsent(new ConsentChange(0, subject, true, Start.AddMinutes(n), "subject"));
            }
        }

        w.SaveSubjectState(Rows.State(Ids.Bob, Start.AddDays(30)));
        w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "J-2", occurred: Start.AddDays(-10)));
        w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "J-1", version: 2, occurred: Start.AddDays(-20), note: "corrected"));
        w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "J-1", occurred: Start.AddDays(-20), quantity: 1.5m, note: "paid late"));
        w.InsertDispute(Rows.Dispute("d-2", Ids.Bob, "court", Start, Start.AddDays(30)));
        w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)));
        w.InsertRepair(Rows.Repair("r-3", Ids.Bob, Start.AddDays(3), Start.AddDays(3)));
        w.InsertRepair(Rows.Repair("r-1", Ids.Bob, Start.AddDays(1), null));
        w.InsertRepair(Rows.Repair("r-2", Ids.Bob, Start.AddDays(2), Start.AddDays(2)));
        foreach (var hours in new[] { 3, 1, 5, 2, 4 })
        {
            w.InsertDecision(ReadModels.Decision(Ids.Bob, Start.AddHours(hours), Guid.CreateVersion7(Start.AddHours(hours))));
        }

        w.InsertConsent(new ConsentChange(0, Ids.Bob, true, Start.AddDays(-10), "subject"));
        w.InsertConsent(new ConsentChange(0, Ids.Bob, false, Start.AddDays(1), "subject"));
        w.InsertConsent(new ConsentChange(0, Ids.Bob, false, Start.AddDays(-5), "subject"));
        w.InsertConsent(new ConsentChange(0, Ids.Bob, true, Start.AddDays(-5), "operator"));
    });
}
