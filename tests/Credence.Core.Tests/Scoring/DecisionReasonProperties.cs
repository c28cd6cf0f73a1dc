using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using FsCheck;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

/// <summary>
/// Over generated subjects and every sample policy: no reason in a decision names a record that
/// could not change its outcome. A denial names only records the triggering listings rest on, and
/// withdrawing them lifts it; a benefit not granted names only the negative records that count
/// against the grade it needs, or that fall within its list's "no negative record" window, and
/// withdrawing the record types named against the grade raises the score.
/// </summary>
public class DecisionReasonProperties
{
    private static readonly string[] Files = ["rongcheng-persons.yaml", "sesame-persons.yaml", "organisations.yaml", "court-defaulters.yaml"];

    private static readonly CompiledPolicy[] Policies =
        [.. Files.Select(f => CompiledPolicy.Compile(PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", f)).EnsureValid()))];

    [Property(MaxTest = 400)]
    public bool No_reason_names_a_record_that_could_not_change_the_outcome(int policyIndex, (int Type, int Day, int Amount)[] spec, int asOfDay, bool consent, bool withdrawOne)
    {
        var compiled = Policies[Math.Abs(policyIndex % Policies.Length)];
        var policy = compiled.Policy;
        var subject = policy.Subjects == SubjectKind.Organisation ? Acme : Alice;
        var records = Generate(policy, subject, spec ?? []);
        if (withdrawOne && records.Count > 0)
        {
            records.Add(Withdraw(records[0], records[0].ReportedAt.AddDays(20)));
        }

        var asOf = T0.AddDays(Math.Abs(asOfDay % 1400));
        var a = Explainer.Assess(SubjectFacts.Compile(compiled, SubjectFile.Create(subject, records)), asOf, consent);
        foreach (var capability in policy.Measures.Select(m => m.Capability).Distinct())
        {
            var d = Decider.Decide(a, policy, capability)!;
            var check = d.Answer switch
            {
                DecisionAnswer.Denied => DenialHolds(compiled, subject, records, a, d, asOf, consent),
                DecisionAnswer.NotGranted => NotGrantedHolds(compiled, subject, records, a, d, asOf, consent),
                _ => d.Reasons.IsEmpty,
            };
            if (!check || d.Reasons.Length > 4)
            {
                throw new InvalidOperationException($"{policy.VersionTag} {capability} {d.Answer}: {string.Join(" | ", d.Reasons.Select(r => $"{r.Code} [{string.Join(", ", r.Records)}]"))}");
            }
        }

        return true;
    }

    private static bool DenialHolds(CompiledPolicy compiled, SubjectId subject, List<Record> records, Assessment a, CapabilityDecision d, DateTimeOffset asOf, bool consent)
    {
        var policy = compiled.Policy;
        var lists = policy.Measures
            .Where(m => m.Capability == d.Capability && m.Effect == MeasureEffect.Restrict && m.Trigger.List is not null)
            .Select(m => m.Trigger.List!)
            .ToHashSet(StringComparer.Ordinal);
        var resting = a.Listings.Where(l => lists.Contains(l.List)).SelectMany(l => l.Records).ToHashSet();
        var named = d.Reasons.SelectMany(r => r.Records).Distinct().ToList();
        if (!d.Reasons.All(r => r.Code.StartsWith("LISTED.", StringComparison.Ordinal)) || !named.All(resting.Contains) || named.Count == 0)
        {
            return false;
        }

        // Withdrawing what the denial names lifts it.
        var without = Withdrawn(records, named, asOf);
        var again = Decider.Decide(Explainer.Assess(SubjectFacts.Compile(compiled, SubjectFile.Create(subject, without)), asOf, consent), policy, d.Capability)!;
        return again.Answer != DecisionAnswer.Denied;
    }

    private static bool NotGrantedHolds(CompiledPolicy compiled, SubjectId subject, List<Record> records, Assessment a, CapabilityDecision d, DateTimeOffset asOf, bool consent)
    {
        var policy = compiled.Policy;
        if (d.Reasons.Any(r => r.Code.StartsWith("LISTED.", StringComparison.Ordinal)) || d.Reasons.IsEmpty || d.Forward.IsDefault)
        {
            return false;
        }

        var counting = a.Contributions.Where(c => c.Counted < 0).Select(c => c.Record).ToHashSet();
        var gradeMissing = d.Reasons.Any(r => r.Code.StartsWith("GRADE.BELOW.", StringComparison.Ordinal));
        var windows = policy.Measures
            .Where(m => m.Capability == d.Capability && m.Effect == MeasureEffect.Grant && m.Trigger.List is not null)
            .Select(m => policy.FindList(m.Trigger.List!)!.Entry.NoNegativeRecordWithin)
            .OfType<PolicyDuration>()
            .ToList();
        var withinWindow = Latest(records, asOf)
            .Where(r => policy.FindRecordType(r.Type) is { IsNegative: true } && r.ReportedAt <= asOf && r.OccurredAt <= asOf && windows.Any(w => w.AddTo(r.OccurredAt) > asOf))
            .Select(r => r.Key)
            .ToHashSet();
        foreach (var reason in d.Reasons)
        {
            var allowed = reason.Code.StartsWith("RECORD.", StringComparison.Ordinal) ? (gradeMissing ? counting : [])
                : reason.Code.StartsWith("NEGATIVE-WITHIN.", StringComparison.Ordinal) ? withinWindow
                : [];
            if (!reason.Records.All(allowed.Contains))
            {
                return false;
            }
        }

        // Withdrawing every record of the types named against the grade raises the score.
        var types = d.Reasons.Where(r => r.Code.StartsWith("RECORD.", StringComparison.Ordinal)).Select(r => r.Code["RECORD.".Length..]).ToHashSet(StringComparer.Ordinal);
        if (types.Count == 0 || a.Score is not { } score || score <= policy.Scale.Min)
        {
            return true;
        }

        var without = Withdrawn(records, [.. Latest(records, asOf).Where(r => types.Contains(r.Type)).Select(r => r.Key)], asOf);
        return Explainer.Assess(SubjectFacts.Compile(compiled, SubjectFile.Create(subject, without)), asOf, consent).Score > score;
    }

    /// <summary>The latest version of each record known by <paramref name="asOf"/>, unless withdrawn.</summary>
    private static IEnumerable<Record> Latest(List<Record> records, DateTimeOffset asOf) =>
        records.Where(r => r.ReportedAt <= asOf).GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Version)!).Where(r => r.Action != RecordAction.Withdrawn);

    private static List<Record> Withdrawn(List<Record> records, IReadOnlyCollection<RecordKey> keys, DateTimeOffset asOf)
    {
        // Versions reported after the instant change nothing at it; they make way for the withdrawal.
        var result = records.Where(r => !keys.Contains(r.Key) || r.ReportedAt <= asOf).ToList();
        foreach (var key in keys)
        {
            var latest = result.Where(r => r.Key == key).MaxBy(r => r.Version)!;
            if (latest.Action != RecordAction.Withdrawn)
            {
                result.Add(Withdraw(latest, asOf));
            }
        }

        return result;
    }

    /// <summary>Records of the policy's own types, with their areas, within three years, some with amounts.</summary>
    private static List<Record> Generate(Policy policy, SubjectId subject, (int Type, int Day, int Amount)[] spec)
    {
        var types = policy.RecordTypes;
        return [.. spec.Take(40).Select((s, i) =>
        {
            var type = types[Math.Abs(s.Type % types.Length)];
            var occurred = T0.AddDays(Math.Abs(s.Day % 1095));
            return new Record(new RecordKey("src", $"g{i}"), 1, RecordAction.Submitted, subject, type.Id, type.Area, occurred, occurred, "case 2025-001", type.PerUnit is null ? null : Math.Abs(s.Amount % 1_000_000));
        })];
    }
}
