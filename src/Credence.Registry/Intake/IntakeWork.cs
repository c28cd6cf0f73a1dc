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
internal static class IntakeWork
{
    public static List<(int Index, RecordFate Fate)> Apply(IRegistryWriter writer, Principal source, IReadOnlyList<Candidate> candidates)
    {
        var fates = new List<(int, RecordFate)>(candidates.Count);
        var touched = new Dictionary<string, (SubjectId Subject, ActivePolicy Policy)>(StringComparer.Ordinal);
        int accepted = 0, duplicates = 0, rejected = 0;
        foreach (var c in candidates)
        {
            var fate = Store(writer, c);
            fates.Add((c.Index, fate));
            switch (fate.Fate)
            {
                case FateKind.Accepted:
                    accepted++;
                    touched.TryAdd(c.Record.Subject.Value, (c.Record.Subject, c.Policy));
                    break;
                case FateKind.Duplicate:
                    duplicates++;
                    break;
                default:
                    rejected++;
                    break;
            }
        }

        SubjectScorer.Rescore(writer, [.. touched.Values]);

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

        return fates;
    }

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
        RecordFate Fate(FateKind kind, IntakeProblem? problem = null) => new(c.Line, kind, r.Key.ToString(), r.Version, problem);

        if (r.Version > 1)
        {
            var previous = writer.FindRecordVersion(r.Key, r.Version - 1);
            if (previous is null)
            {
                return Fate(FateKind.Rejected, new IntakeProblem(ProblemTypes.NotFound, "version",
                    $"source '{r.Key.Source}' has no version {r.Version - 1} of record '{r.Key.SourceRecordId}'; only the source that submitted a record can correct or withdraw it, one version at a time"));
            }

            if (previous.Action == RecordAction.Withdrawn && writer.FindRecordVersion(r.Key, r.Version) is null)
            {
                return Fate(FateKind.Rejected, new IntakeProblem(ProblemTypes.Conflict, "version", $"record {r.Key} was withdrawn in version {r.Version - 1}; nothing follows a withdrawal"));
            }

            if (previous.Subject != r.Subject.Value)
            {
                return Fate(FateKind.Rejected, new IntakeProblem(ProblemTypes.BadValue, "subject", $"record {r.Key} is about another subject; a correction or withdrawal keeps the subject (withdraw it and submit a new record instead)"));
            }
        }

        if (writer.TryInsertRecord(r))
        {
            return Fate(FateKind.Accepted);
        }

        var existing = writer.FindRecordVersion(r.Key, r.Version)!;
        return existing.SamePayload(r)
            ? Fate(FateKind.Duplicate)
            : Fate(FateKind.Rejected, new IntakeProblem(ProblemTypes.Conflict, "sourceRecordId",
                $"record {r.Key} version {r.Version} is stored with a different payload (reported {existing.ReportedAt:u}); send a correction as version {r.Version + 1}"));
    }
}
