using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Core.Tests.Scoring;

namespace Credence.Core.Tests.DueProcess;

/// <summary>Policies, files and assessments for the due-process tests, built on <see cref="Sample"/>.</summary>
internal static class Fixture
{
    public static readonly Policy Prc = Sample.Policy();

    public static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Prc);

    /// <summary>The sample policy with one record type changed.</summary>
    public static Policy WithType(Policy policy, string id, Func<RecordType, RecordType> change) =>
        policy with { RecordTypes = [.. policy.RecordTypes.Select(t => t.Id == id ? change(t) : t)] };

    /// <summary>An FCRA-profile variant: 30-day disputes, tax records keep counting while disputed.</summary>
    public static Policy Fcra() =>
        WithType(Prc, "tax-evasion", t => t with { CountsWhileDisputed = true }) with { Profile = JurisdictionProfile.Fcra, Version = "fcra-1" };

    public static SubjectFacts Facts(CompiledPolicy policy, SubjectId subject, IEnumerable<Record> records, IEnumerable<RecordDispute>? disputes = null, IEnumerable<RecordRepair>? repairs = null) =>
        SubjectFacts.Compile(policy, SubjectFile.Create(subject, records, disputes, repairs));

    public static SubjectFacts Facts(params Record[] records) => Facts(Compiled, Sample.Alice, records);

    public static Assessment Assess(SubjectFacts facts, DateTimeOffset at) => Explainer.Assess(facts, at, true);

    public static Record Version(Record latest, RecordAction action, DateTimeOffset at, string note) =>
        latest with { Version = latest.Version + 1, Action = action, ReportedAt = at, Note = note };
}
