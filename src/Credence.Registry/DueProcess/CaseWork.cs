using System.Globalization;
using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// The writes every due-process step makes inside its unit of work: its ledgered case step, its
/// notices, and, when the subject's file changed, the decisions it finds affected and the re-scoring.
/// </summary>
internal static class CaseWork
{
    /// <summary>Stores a notice in the subject's inbox.</summary>
    public static void Notify(IRegistryWriter writer, Notice notice) => writer.InsertNotice(StoredNotice.From(notice));

    /// <summary>Stores a case step (and, through the store, its ledger entry).</summary>
    /// <param name="by">The acting principal; null for the registry itself.</param>
    public static void Step(IRegistryWriter writer, DateTimeOffset at, string caseId, string caseKind, string step, Principal? by, string subject, RecordKey record, SortedDictionary<string, string> detail) =>
        writer.InsertCaseStep(new CaseStep(0, at, caseId, caseKind, step, by is { IsStored: true } ? by.Id : null, by?.Name ?? CaseStep.Registry, subject, record.ToString(),
            JsonSerializer.Serialize(detail, CaseDetailJson.Default.SortedDictionaryStringString)));

    /// <summary>A case step's detail from pairs, leaving out the empty ones.</summary>
    public static SortedDictionary<string, string> Detail(params (string Key, string? Value)[] pairs)
    {
        var detail = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!string.IsNullOrEmpty(value))
            {
                detail[key] = value;
            }
        }

        return detail;
    }

    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// After a change of the file (a withdrawal, a correction, a resolution, a repair): marks the
    /// decisions taken while a wrong record counted, tells the subject, and re-scores the subject.
    /// </summary>
    /// <param name="before">The file before the change.</param>
    /// <param name="why">Why listings that end now ended, for the delisting notices.</param>
    public static void FileChanged(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, SubjectFile before, DateTimeOffset now, string cause, string why)
    {
        var after = SubjectFiles.Load(writer, subject);
        SubjectScorer.Rescore(writer, [(subject, policy)], why);
        MarkAffected(writer, subject, policy, before, after, now, cause);
    }

    /// <summary>
    /// Re-takes each stored decision about the subject without the records withdrawn or corrected
    /// between <paramref name="before"/> and <paramref name="after"/>, under the policy version that
    /// took it; those that turn around are marked (once) with the relying party named, and the
    /// subject gets a notice for each.
    /// </summary>
    /// <param name="now">When the registry marks them: a relying party reads its marks after an instant, so this is never in the past.</param>
    /// <param name="changedAt">When the wrong record stopped counting, the instant of the subject's notices; <paramref name="now"/> when null.</param>
    public static int MarkAffected(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, SubjectFile before, SubjectFile after, DateTimeOffset now, string cause, DateTimeOffset? changedAt = null)
    {
        var wrong = AffectedDecisions.ChangedRecords(before, after);
        if (wrong.IsEmpty)
        {
            return 0;
        }

        var marked = 0;
        var decisions = writer.SubjectDecisions(subject.Value, int.MaxValue);
        foreach (var group in decisions.GroupBy(d => d.PolicyVersion, StringComparer.Ordinal))
        {
            var compiled = group.Key == policy.Tag ? policy.Compiled : CompileStored(writer, group.Key);
            if (compiled is null)
            {
                continue;
            }

            var past = group.Select(d => new PastDecision(d.Id.ToString("D"), subject, d.Capability, d.RelyingParty, d.DecidedAt, d.Allowed, d.PolicyVersion, writer.ConsentAt(subject.Value, d.DecidedAt)));
            foreach (var affected in AffectedDecisions.Find(compiled, before, after, past))
            {
                var mark = new DecisionMark(Guid.Parse(affected.Decision.Id), subject.Value, now, cause, affected.RelyingParty, affected.Corrected.Allowed,
                    [.. affected.WrongRecords.Select(k => k.ToString())]);
                if (writer.InsertDecisionMark(mark))
                {
                    Notify(writer, NoticeComposer.DecisionAffected(affected, changedAt ?? now));
                    marked++;
                }
            }
        }

        return marked;
    }

    /// <summary>
    /// Resolves an open dispute whose deadline has come for the subject: the record's removal version
    /// (reported exactly at the deadline, on the source's behalf), the dispute closed at the deadline,
    /// its step, the subject's notice, and the decisions found affected. The caller re-scores.
    /// Everything is dated at the deadline, however late the registry acts (the step's detail keeps
    /// <c>actedAt</c>); only the marks relying parties page through carry the instant they were made.
    /// </summary>
    /// <returns>True when the dispute was resolved now; false when it was not due or not open.</returns>
    public static bool ResolveOverdue(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, StoredDispute stored, DateTimeOffset now)
    {
        var outcome = stored.ToDispute(subject).ResolveOverdue(now);
        if (!outcome.IsAccepted)
        {
            return false;
        }

        var resolved = outcome.Accepted();
        var before = SubjectFiles.Load(writer, subject);
        var latest = before.Versions.LastOrDefault(v => v.Key == resolved.Record);
        int? version = null;
        if (latest is not null && latest.Action != RecordAction.Withdrawn)
        {
            // Implementation note: a record the source withdrew itself while the dispute was open
            // needs no removal; anything else is removed as Core's RemovalVersion says.
            var removal = resolved.RemovalVersion(latest);
            writer.TryInsertRecord(removal);
            version = removal.Version;
        }

        writer.UpdateDispute(StoredDispute.From(resolved, stored.PolicyTag, version));
        Step(writer, resolved.DueAt, resolved.Id, CaseStep.Dispute, "resolved-for-subject", null, subject.Value, resolved.Record,
            Detail(("dueAt", Text(resolved.DueAt)), ("actedAt", Text(now)), ("version", version?.ToString(CultureInfo.InvariantCulture))));
        Notify(writer, NoticeComposer.DisputeResolvedForSubject(resolved, stored.PolicyTag));
        MarkAffected(writer, subject, policy, before, SubjectFiles.Load(writer, subject), now, $"dispute {resolved.Id}: {resolved.Source} did not answer before {resolved.DueAt:u}; record {resolved.Record} removed", resolved.DueAt);
        return true;
    }

    /// <summary>The compiled form of a stored policy version, for re-taking decisions made under it; null when it is not stored.</summary>
    private static CompiledPolicy? CompileStored(IRegistryReader reader, string tag) =>
        reader.FindPolicy(tag) is { } stored ? CompiledPolicy.Compile(PolicyLoader.Load(stored.Yaml, tag).EnsureValid()) : null;
}
