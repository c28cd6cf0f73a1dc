using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.DueProcess;

/// <summary>
/// Everything that decides one subject's outcomes over time, as a disclosure or a records file
/// holds it: its record versions, its disputes (in their latest state), its granted repairs and its
/// consent changes. Gives the file, the assessment and a capability's decision at any instant, with
/// the registry's own functions (<see cref="CaseFile.At"/>, the engine, <see cref="Decider"/>).
/// </summary>
/// <remarks>
/// Implementation note: this is how a subject reproduces its file on its own machine
/// (<c>credence score</c>); nothing here is a second version of a registry rule. Consent is the
/// latest change at or before the instant, and only read where the policy requires it, as the
/// registry reads it.
/// </remarks>
public sealed class SubjectHistory
{
    private readonly ImmutableArray<ConsentStep> consents;
    private readonly bool? consent;

    /// <param name="consents">The consent changes, when the history holds them.</param>
    /// <param name="consent">A constant consent, when the history holds no changes (a records file scored with <c>--consent</c>).</param>
    public SubjectHistory(SubjectId subject, IEnumerable<Record> versions, IEnumerable<Dispute> disputes, IEnumerable<RecordRepair> repairs, IEnumerable<ConsentStep>? consents = null, bool? consent = null)
    {
        Subject = subject;
        Versions = [.. versions];
        Disputes = [.. disputes];
        Repairs = [.. repairs];
        this.consents = consents is null ? [] : [.. consents.OrderBy(c => c.At)];
        this.consent = consent;

        // Fails now, rather than at the first instant, on a foreign record or a broken version chain.
        _ = SubjectFile.Create(subject, Versions, Disputes.Select(d => new RecordDispute(d.Record, d.OpenedAt)), Repairs);
        foreach (var chain in Versions.GroupBy(v => v.Key))
        {
            var ordered = chain.OrderBy(v => v.Version).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].ReportedAt < ordered[i - 1].ReportedAt)
                {
                    throw new ArgumentException($"record {chain.Key}: version {ordered[i].Version} is reported {ordered[i].ReportedAt:u}, before version {ordered[i - 1].Version} ({ordered[i - 1].ReportedAt:u})", nameof(versions));
                }
            }
        }

        if (Disputes.FirstOrDefault(d => d.Subject != subject) is { } foreign)
        {
            throw new ArgumentException($"dispute {foreign.Id} is about {foreign.Subject}, not {subject}", nameof(disputes));
        }
    }

    public SubjectId Subject { get; }

    public ImmutableArray<Record> Versions { get; }

    public ImmutableArray<Dispute> Disputes { get; }

    public ImmutableArray<RecordRepair> Repairs { get; }

    /// <summary>
    /// Every instant at which the file changes by a fact it holds: each version's report, each
    /// dispute's opening, answer, escalation, reviewer's decision and deadline, each repair's effect.
    /// </summary>
    public ImmutableArray<DateTimeOffset> Changes =>
        [.. Versions.Select(v => v.ReportedAt)
            .Concat(Disputes.SelectMany(d => new[] { d.OpenedAt, d.DueAt, d.ClosedAt, d.Escalation?.At, d.Escalation?.DecidedAt }.OfType<DateTimeOffset>()))
            .Concat(Repairs.Select(r => r.EffectiveAt))
            .Concat(consents.Select(c => c.At))
            .Distinct()
            .Order()];

    /// <summary>The file as it stood at <paramref name="at"/>.</summary>
    public SubjectFile FileAt(DateTimeOffset at) => CaseFile.At(Subject, Versions, Disputes, Repairs, at);

    /// <summary>The consent in force at <paramref name="at"/> where <paramref name="policy"/> requires consent; false where it does not (the engine ignores it).</summary>
    public bool ConsentAt(Policies.Policy policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.ConsentRequired)
        {
            return false;
        }

        return consent ?? consents.LastOrDefault(c => c.At <= at)?.Given ?? false;
    }

    /// <summary>The assessment at <paramref name="at"/> under <paramref name="policy"/>.</summary>
    public Assessment Assess(CompiledPolicy policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Explainer.Assess(SubjectFacts.Compile(policy, FileAt(at)), at, ConsentAt(policy.Policy, at));
    }

    /// <summary>The decision on <paramref name="capability"/> at <paramref name="at"/>; null when no measure of the policy names it.</summary>
    public CapabilityDecision? Decide(CompiledPolicy policy, string capability, DateTimeOffset at) =>
        Decider.Decide(Assess(policy, at), policy.Policy, capability);

    /// <summary>Each record's due-process state at <paramref name="at"/>: its dispute as it stood then, and the repair in effect.</summary>
    public ImmutableArray<RecordCase> CasesAt(DateTimeOffset at)
    {
        var disputes = CaseFile.DisputesAt(Disputes, at);
        var repairs = CaseFile.RepairsAt(Repairs, at);
        var flags = CaseFile.FlagsAt(Disputes, at).ToDictionary(f => f.Record, f => f.OpenedAt);
        return [.. Versions.Where(v => v.ReportedAt <= at).Select(v => v.Key).Distinct()
            .Select(k => new RecordCase(
                k,
                disputes.Where(d => d.Record == k).MaxBy(d => d.OpenedAt),
                flags.TryGetValue(k, out var flagged) ? flagged : null,
                repairs.FirstOrDefault(r => r.Record == k)?.EffectiveAt))
            .Where(c => c.Dispute is not null || c.RepairedFrom is not null)];
    }
}

/// <summary>A consent change: given or withdrawn at an instant.</summary>
public sealed record ConsentStep(DateTimeOffset At, bool Given);

/// <summary>One record's due-process state at an instant.</summary>
/// <param name="Dispute">Its latest dispute as it stood then, if any.</param>
/// <param name="DisputedFrom">When the file flags it as disputed from, if it is flagged then.</param>
/// <param name="RepairedFrom">When its effect ended by a granted repair, if one is in effect then.</param>
public sealed record RecordCase(RecordKey Record, Dispute? Dispute, DateTimeOffset? DisputedFrom, DateTimeOffset? RepairedFrom);
