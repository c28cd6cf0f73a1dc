using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class TransitionProperties
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Policy());

    private static readonly string[] Types = [.. Policy().RecordTypes.Select(t => t.Id)];

    /// <summary>The transitions as they were first defined: read off the full assessment.</summary>
    private static ImmutableArray<Transition> FromAssessment(SubjectFacts subject, DateTimeOffset after, DateTimeOffset until, bool consent)
    {
        var a = Explainer.Assess(subject, after, consent);
        var all = new List<Transition>();
        foreach (var l in a.Listings.Where(l => l.Until is { } u && u != DateTimeOffset.MaxValue))
        {
            all.Add(new Transition(TransitionKind.ListingEnds, l.Until!.Value, l.Records.IsDefaultOrEmpty ? null : l.Records[0], l.List));
            all.Add(new Transition(TransitionKind.ExpiryApproaching, l.Until!.Value.AddDays(-Transitions.NoticeDays), null, l.List, EndsAt: l.Until));
        }

        foreach (var e in a.PathForward.Expiries)
        {
            all.Add(new Transition(TransitionKind.EffectEnds, e.At, e.Record));
            all.Add(new Transition(TransitionKind.ExpiryApproaching, e.At.AddDays(-Transitions.NoticeDays), e.Record, EndsAt: e.At));
        }

        all.AddRange(a.PathForward.Repairs.Select(r => new Transition(TransitionKind.RepairOpens, r.OpensAt, r.Record)));
        return [.. all.Where(t => t.At > after && t.At <= until).OrderBy(t => t.At).ThenBy(t => t.Kind).ThenBy(t => t.Record?.ToString(), StringComparer.Ordinal).ThenBy(t => t.List, StringComparer.Ordinal)];
    }

    [Property(MaxTest = 300)]
    public bool The_scheduler_s_transitions_are_those_the_full_assessment_gives((int Type, int Day, int Amount)[] spec, int afterDay, bool consent, bool withdrawOne)
    {
        var records = spec.Select((s, i) => Rec(Alice, Types[Math.Abs(s.Type % Types.Length)], T0.AddDays(Math.Abs(s.Day % 1095)), quantity: Math.Abs(s.Amount % 1_000_000), id: $"g{i}")).ToList();
        if (withdrawOne && records.Count > 0)
        {
            records.Add(Withdraw(records[0], records[0].OccurredAt.AddDays(30)));
        }

        var subject = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records));
        var after = T0.AddDays(Math.Abs(afterDay % 1400));
        var until = after.AddYears(8);
        return Transitions.Due(subject, [], after, until, consent).SequenceEqual(FromAssessment(subject, after, until, consent));
    }
}
