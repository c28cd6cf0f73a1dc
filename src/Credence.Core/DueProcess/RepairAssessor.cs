using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.DueProcess;

/// <summary>
/// Decides a repair application by the policy's repair rules alone: the minimum publication period
/// for the record's severity served, and a source's record showing the obligation fulfilled. No
/// criterion depends on anyone's judgment of the subject's sincerity.
/// </summary>
/// <remarks>
/// Implementation note: the criteria are the ones the explanation already shows as a repair
/// opening (<see cref="RepairOpening"/>, worked out by the path finder); this class calls that
/// logic and only adds the refusals for records it does not cover, so an explanation and a
/// decision can never disagree.
/// </remarks>
public static class RepairAssessor
{
    /// <summary>Assesses an application to repair <paramref name="record"/> at <paramref name="at"/>, compiling the file first.</summary>
    public static RepairAssessment Assess(CompiledPolicy policy, SubjectFile file, RecordKey record, DateTimeOffset at) =>
        Assess(SubjectFacts.Compile(policy, file), record, at);

    /// <summary>Assesses an application to repair <paramref name="record"/> at <paramref name="at"/>.</summary>
    public static RepairAssessment Assess(SubjectFacts subject, RecordKey record, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var policy = subject.Policy.Policy;
        var version = policy.VersionTag;
        var latest = subject.File.LatestKnownAt(at).FirstOrDefault(r => r.Key == record);
        if (latest is null)
        {
            return Refused(record, null, at, version, new Refusal("unknown-record", $"record {record} is not in the file of {subject.Subject} at {at:u}"));
        }

        var type = policy.FindRecordType(latest.Type);
        if (type is null || !type.IsNegative)
        {
            return Refused(record, latest.Type, at, version, new Refusal("not-negative", $"'{latest.Type}' does not lower a score; only negative records are repaired"));
        }

        var rule = policy.Repair.Qualifying.FirstOrDefault(q => q.ForTypes.Contains(type.Id));
        if (rule is null)
        {
            return Refused(record, type.Id, at, version, new Refusal("not-repairable", $"{version} has no repair rule for '{type.Id}'; its effect ends only when it expires"));
        }

        var opening = PathFinder.Repairs(subject, at.UtcTicks).FirstOrDefault(o => o.Record == record);
        if (opening is null)
        {
            return Refused(record, type.Id, at, version, new Refusal("not-counting", $"record {record} no longer counts or lists (withdrawn, expired, repaired or disputed); there is nothing to repair"));
        }

        var unmet = ImmutableArray.CreateBuilder<Refusal>();
        if (at < opening.OpensAt)
        {
            unmet.Add(new Refusal(
                "minimum-period-not-served",
                $"the minimum period for {type.Severity.ToString().ToLowerInvariant()} records ({policy.Repair.MinimumPeriod.GetValueOrDefault(type.Severity)}) is served on {opening.OpensAt:u}",
                opening.OpensAt));
        }

        if (opening.FulfilledBy is null)
        {
            unmet.Add(new Refusal(
                "obligation-not-fulfilled",
                $"no record shows the obligation fulfilled; a record of {string.Join(" or ", opening.NeedsOneOf)} from the source would"));
        }

        return new RepairAssessment(record, type.Id, at, version, opening.OpensAt, opening.NeedsOneOf, opening.FulfilledBy, unmet.ToImmutable());
    }

    private static RepairAssessment Refused(RecordKey record, string? type, DateTimeOffset at, string version, Refusal why) =>
        new(record, type, at, version, null, [], null, [why]);
}
