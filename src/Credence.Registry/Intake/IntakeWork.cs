using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Intake;

/// <summary>
/// The part of intake that runs inside the writer: the idempotency and correction-chain checks,
/// the inserts, and the re-scoring of every subject touched, all in the caller's transaction.
/// </summary>
/// <remarks>
/// Implementation note: the re-scoring is left to the end of the run of intake units the
/// transaction holds (<see cref="GroupRescore"/>), so a subject touched by several is re-scored once.
/// </remarks>
internal static class IntakeWork
{
    /// <summary>Stores the candidates; returns their fates and the subjects whose files a holder must forget (<see cref="Subjects.SubjectChanges"/>), each once.</summary>
    /// <remarks>
    /// Implementation note: the subjects told are those of the accepted lines (the subjects re-scored, a set
    /// this unit builds anyway) and of the duplicates (a duplicate may be the retry of a batch whose telling
    /// failed), so the telling needs no second pass over the batch to make them distinct.
    /// </remarks>
    public static (List<(int Index, RecordFate Fate)> Fates, IReadOnlyCollection<string> Changed) Apply(IRegistryWriter writer, Principal source, IReadOnlyList<Candidate> candidates)
    {
        var fates = new List<(int, RecordFate)>(candidates.Count);
        var touched = new Dictionary<string, (SubjectId Subject, ActivePolicy Policy)>(StringComparer.Ordinal);
        HashSet<string>? duplicated = null;
        int accepted = 0, duplicates = 0, rejected = 0;
        foreach (var (c, fate) in StoreAll(writer, candidates))
        {
            fates.Add((c.Index, fate));
            switch (fate.Fate)
            {
                case FateKind.Accepted:
                    accepted++;
                    touched.TryAdd(c.Record.Subject.Value, (c.Record.Subject, c.Policy));
                    break;
                case FateKind.Duplicate:
                    duplicates++;
                    (duplicated ??= new(StringComparer.Ordinal)).Add(c.Record.Subject.Value);
                    break;
                default:
                    rejected++;
                    break;
            }
        }

        // Re-scored once for this unit and the intake units committed right after it, at the last one's instant.
        var rescore = writer.Deferred<GroupRescore>();
        foreach (var (subject, policy) in touched.Values)
        {
            rescore.Add(subject, policy);
        }

        foreach (var policy in touched.Values.Select(t => t.Policy).DistinctBy(p => p.Tag))
        {
            if (writer.MaterialisedPolicy(policy.Policy.Subjects) is null)
            {
                writer.SetMaterialisedPolicy(policy.Policy.Subjects, policy.Tag);
            }
        }

        if (accepted > 0)
        {
            writer.AppendAccess(AccessEvent.By(source, writer.Now, "records.submit", null, null,
                detail: $"{accepted} accepted, {duplicates} duplicate, {rejected} rejected in the store; {touched.Count} subjects re-scored"));
        }

        if (duplicated is null)
        {
            return (fates, touched.Keys);
        }

        duplicated.UnionWith(touched.Keys);
        return (fates, duplicated);
    }

    /// <summary>
    /// Stores checked lines with the same rules, messages and fates as <see cref="Store"/> line by line,
    /// in line order, but set-based: a run of lines costs a few calls to the store, not a few per line.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Implementation note: the lines are taken in runs in which no record key appears twice (a new
    /// run starts at the first line whose key an earlier line of the run has: a chain such as v1 then
    /// v2 of one record in one batch, or a line repeated). Within a run no line depends on another, so
    /// each run is: one look-up of the previous versions the corrections need (and, for a correction
    /// of a withdrawn record, of the version itself), the chain checks in memory, one insert of the
    /// lines that pass (the store says which it inserted, in order), and one look-up of the versions
    /// that were already stored, for the duplicate and conflict fates. What a run stored or found is
    /// remembered, so a later run's correction finds the version an earlier line of the batch stored,
    /// exactly as the one-by-one path would. Runs keep the lines' order, so rows, ledger entries and
    /// fates come in line order as before.
    /// </para>
    /// <para>
    /// Implementation note: the look-up before the insert asks only for previous versions: a plain
    /// submission (version 1, the common case) costs just its share of the insert, as before, and its
    /// duplicate or conflict is found by the insert itself (ON CONFLICT), never by a probe per line.
    /// </para>
    /// </remarks>
    internal static IEnumerable<(Candidate Candidate, RecordFate Fate)> StoreAll(IRegistryWriter writer, IReadOnlyList<Candidate> candidates)
    {
        // The runs first, so that only a run with another after it remembers what it stored.
        var runs = new List<List<Candidate>> { new() };
        var keys = new HashSet<RecordKey>();
        foreach (var c in candidates)
        {
            if (!keys.Add(c.Record.Key))
            {
                runs.Add([]);
                keys.Clear();
                keys.Add(c.Record.Key);
            }

            runs[^1].Add(c);
        }

        var known = new Dictionary<RecordVersionKey, StoredVersion?>();
        var results = new List<(Candidate, RecordFate)>(candidates.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            StoreRun(writer, runs[i], known, results, remember: i < runs.Count - 1);
        }

        return results;
    }

    /// <summary>Stores a run of lines with distinct record keys (see <see cref="StoreAll"/>).</summary>
    /// <param name="remember">Whether a later run follows, which must find the versions this one stores.</param>
    private static void StoreRun(IRegistryWriter writer, List<Candidate> run, Dictionary<RecordVersionKey, StoredVersion?> known, List<(Candidate, RecordFate)> results, bool remember)
    {
        if (run.Count == 0)
        {
            return;
        }

        var records = new Record[run.Count];
        for (var i = 0; i < run.Count; i++)
        {
            var r = run[i].Record;
            records[i] = r.ReportedAt == writer.Now ? r : r with { ReportedAt = writer.Now };
        }

        if (records.Any(r => r.Version > 1))
        {
            Look(writer, known, records.Where(r => r.Version > 1).Select(r => new RecordVersionKey(r.Key, r.Version - 1)));
            Look(writer, known, records.Where(r => r.Version > 1 && known[new RecordVersionKey(r.Key, r.Version - 1)]?.Action == RecordAction.Withdrawn)
                .Select(r => new RecordVersionKey(r.Key, r.Version)));
        }

        var fates = new RecordFate?[run.Count];
        var insert = new List<int>(run.Count);
        for (var i = 0; i < run.Count; i++)
        {
            var r = records[i];
            fates[i] = r.Version > 1
                ? ChainProblem(r, known[new RecordVersionKey(r.Key, r.Version - 1)], v => known[new RecordVersionKey(r.Key, v)]) is { } problem ? Fate(run[i], r, FateKind.Rejected, problem) : null
                : null;
            if (fates[i] is null)
            {
                insert.Add(i);
            }
        }

        var inserted = insert.Count == 0 ? [] : writer.TryInsertRecords([.. insert.Select(i => records[i])]);
        var refused = new List<int>();
        for (var j = 0; j < insert.Count; j++)
        {
            var i = insert[j];
            if (inserted[j])
            {
                fates[i] = Fate(run[i], records[i], FateKind.Accepted);
                if (remember)
                {
                    known[new RecordVersionKey(records[i].Key, records[i].Version)] = Stored(records[i]);
                }
            }
            else
            {
                refused.Add(i);
            }
        }

        if (refused.Count > 0)
        {
            foreach (var i in refused)
            {
                known.Remove(new RecordVersionKey(records[i].Key, records[i].Version));
            }

            Look(writer, known, refused.Select(i => new RecordVersionKey(records[i].Key, records[i].Version)));
            foreach (var i in refused)
            {
                var r = records[i];
                var existing = known[new RecordVersionKey(r.Key, r.Version)]
                    ?? throw new InvalidOperationException($"record {r.Key} version {r.Version} was neither inserted nor found stored");
                fates[i] = Existing(run[i], r, existing);
            }
        }

        for (var i = 0; i < run.Count; i++)
        {
            results.Add((run[i], fates[i]!));
        }
    }

    /// <summary>Looks up, in one call, the versions among <paramref name="wanted"/> not yet known (absent ones are remembered as null).</summary>
    private static void Look(IRegistryWriter writer, Dictionary<RecordVersionKey, StoredVersion?> known, IEnumerable<RecordVersionKey> wanted)
    {
        var ask = wanted.Where(k => !known.ContainsKey(k)).Distinct().ToList();
        if (ask.Count == 0)
        {
            return;
        }

        var found = writer.FindRecordVersions(ask);
        foreach (var k in ask)
        {
            known[k] = found.GetValueOrDefault(k);
        }
    }

    private static StoredVersion Stored(Record r) =>
        new(r.Subject.Value, r.Action, r.Type, r.Area, r.OccurredAt, r.ReportedAt, r.LegalBasis, r.Quantity, r.Note);

    private static RecordFate Fate(Candidate c, Record r, FateKind kind, IntakeProblem? problem = null) => new(c.Line, kind, r.Key.ToString(), r.Version, problem);

    /// <summary>Why a correction or withdrawal (version n > 1) cannot follow the stored version n-1; null when it can.</summary>
    private static IntakeProblem? ChainProblem(Record r, StoredVersion? previous, Func<int, StoredVersion?> find)
    {
        if (previous is null)
        {
            return new IntakeProblem(ProblemTypes.NotFound, "version",
                $"source '{r.Key.Source}' has no version {r.Version - 1} of record '{r.Key.SourceRecordId}'; only the source that submitted a record can correct or withdraw it, one version at a time");
        }

        if (previous.Action == RecordAction.Withdrawn && find(r.Version) is null)
        {
            return new IntakeProblem(ProblemTypes.Conflict, "version", $"record {r.Key} was withdrawn in version {r.Version - 1}; nothing follows a withdrawal");
        }

        if (previous.Subject != r.Subject.Value)
        {
            return new IntakeProblem(ProblemTypes.BadValue, "subject", $"record {r.Key} is about another subject; a correction or withdrawal keeps the subject (withdraw it and submit a new record instead)");
        }

        return null;
    }

    /// <summary>The fate of a line whose version is already stored: the same payload is a duplicate, another a conflict.</summary>
    private static RecordFate Existing(Candidate c, Record r, StoredVersion existing) =>
        existing.SamePayload(r)
            ? Fate(c, r, FateKind.Duplicate)
            : Fate(c, r, FateKind.Rejected, new IntakeProblem(ProblemTypes.Conflict, "sourceRecordId",
                $"record {r.Key} version {r.Version} is stored with a different payload (reported {existing.ReportedAt:u}); send a correction as version {r.Version + 1}"));

    /// <summary>Stores one checked line: the correction-chain and idempotency checks, then the insert.</summary>
    /// <remarks>
    /// Implementation note: the version is reported at the unit's instant (<see cref="IRegistryWriter.Now"/>),
    /// not when its line was checked: the registry knows a record from the moment it is stored, in
    /// store order, so an assessment as of any instant counts exactly the versions stored by then
    /// and the re-scoring of this unit counts it. The check's own instant, a little earlier, only
    /// bounded the line's instants ("nothing in the future").
    /// </remarks>
    internal static RecordFate Store(IRegistryWriter writer, Candidate c)
    {
        var r = c.Record.ReportedAt == writer.Now ? c.Record : c.Record with { ReportedAt = writer.Now };
        if (r.Version > 1 && ChainProblem(r, writer.FindRecordVersion(r.Key, r.Version - 1), v => writer.FindRecordVersion(r.Key, v)) is { } problem)
        {
            return Fate(c, r, FateKind.Rejected, problem);
        }

        return writer.TryInsertRecord(r) ? Fate(c, r, FateKind.Accepted) : Existing(c, r, writer.FindRecordVersion(r.Key, r.Version)!);
    }
}
