using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.State;

namespace Credence.Registry.Disclosure;

/// <summary>
/// A subject's score history, derived from what is stored rather than kept: the outcome (status,
/// score, grade, lists, policy version) at each instant it could have changed, from the subject's
/// first record or consent change until now.
/// </summary>
/// <remarks>
/// Implementation note: the instants are each record version's report (the registry scores only
/// what it knew: at each instant, the records reported by then), each consent change, each
/// activation of a policy for the subject's kind, each dispute's opening, deadline and closing,
/// each granted repair's effective instant, and in between the instants at which an effect, a list
/// term or a "no negative record within" window ends (<see cref="ReviewTimes"/>). At each, the
/// outcome is evaluated under the policy in force then, with the consent in force then, on the file
/// <see cref="SubjectFiles"/> would have built then (<see cref="SubjectFiles.At"/>, Core's
/// <c>CaseFile.At</c>: the disputes in the state they had, the repairs in effect); a step is kept only when the outcome
/// differs from the previous one. A dispute left unanswered at its deadline is removed there by the
/// version the caller's file holds (stored by the scheduler, or added by
/// <see cref="SubjectFiles.LoadAsOf"/>). Not captured between these instants: a decaying record's
/// score falls continuously, and only its values at these instants appear; a person's coming of age
/// is not an instant of its own.
/// </remarks>
internal static class ScoreHistory
{
    /// <summary>A bound on the instants evaluated, so that no file makes a disclosure unbounded.</summary>
    private const int MaxInstants = 10_000;

    public static ImmutableArray<ScorePoint> Derive(
        SubjectId subject,
        IReadOnlyList<Record> records,
        IReadOnlyList<ConsentChange> consents,
        IReadOnlyList<StoredDispute> disputes,
        IReadOnlyList<RepairApplication> repairs,
        IReadOnlyList<PolicyActivation> activations,
        Func<DateTimeOffset, ActivePolicy?> policyAt,
        DateTimeOffset now)
    {
        var causes = new SortedDictionary<DateTimeOffset, List<string>>();
        var data = new Dictionary<DateTimeOffset, List<ScoreCause>>();
        void Add(DateTimeOffset at, string cause, ScoreCause what)
        {
            if (at > now)
            {
                return;
            }

            if (!causes.TryGetValue(at, out var list))
            {
                causes[at] = list = [];
                data[at] = [];
            }

            list.Add(cause);
            data[at].Add(what);
        }

        foreach (var r in records)
        {
            Add(r.ReportedAt, $"record {r.Key} version {r.Version} ({r.Action.ToString().ToLowerInvariant()}) reported",
                new ScoreCause(ScoreCauseKind.RecordReported, r.Key.ToString(), r.Version, r.Action, r.Type));
        }

        foreach (var c in consents)
        {
            Add(c.At, c.Given ? "consent given" : "consent withdrawn", new ScoreCause(c.Given ? ScoreCauseKind.ConsentGiven : ScoreCauseKind.ConsentWithdrawn));
        }

        foreach (var d in disputes)
        {
            var type = TypeOf(records, d.Record);
            Add(d.OpenedAt, $"dispute {d.Id} on record {d.Record} opened", new ScoreCause(ScoreCauseKind.DisputeOpened, d.Record.ToString(), Type: type, CaseId: d.Id));
            Add(d.DueAt, $"dispute {d.Id} on record {d.Record} reached its deadline", new ScoreCause(ScoreCauseKind.DisputeDeadline, d.Record.ToString(), Type: type, CaseId: d.Id));
            if (d.ClosedAt is { } closed)
            {
                Add(closed, $"dispute {d.Id} on record {d.Record} closed ({Word(d.State)})", new ScoreCause(ScoreCauseKind.DisputeClosed, d.Record.ToString(), Type: type, CaseId: d.Id, DisputeState: d.State));
            }
        }

        foreach (var r in repairs)
        {
            if (r.EffectiveAt is { } effective)
            {
                Add(effective, $"repair {r.Id} of record {r.Record} took effect", new ScoreCause(ScoreCauseKind.RepairEffective, r.Record.ToString(), Type: TypeOf(records, r.Record), CaseId: r.Id));
            }
        }

        if (causes.Count == 0)
        {
            return [];
        }

        var first = causes.Keys.First();
        foreach (var a in activations)
        {
            if (a.Subjects == subject.Kind && a.EffectiveFrom > first)
            {
                Add(a.EffectiveFrom, $"policy {a.Tag} in force", new ScoreCause(ScoreCauseKind.PolicyInForce, PolicyVersion: a.Tag));
            }
        }

        var points = ImmutableArray.CreateBuilder<ScorePoint>();
        var instants = causes.Keys.ToList();
        var next = 0;
        var t = instants[0];
        string cause = string.Join("; ", causes[t]);
        List<ScoreCause> what = data[t];
        ImmutableArray<CountedRecord> counting = [];
        for (var evaluated = 0; evaluated < MaxInstants; evaluated++)
        {
            while (next < instants.Count && instants[next] <= t)
            {
                next++;
            }

            var known = records.Where(r => r.ReportedAt <= t).ToList();
            var policy = policyAt(t);
            if (policy is not null)
            {
                var consent = policy.Policy.ConsentRequired && consents.LastOrDefault(c => c.At <= t)?.Given == true;
                var file = SubjectFiles.At(subject, known, disputes, repairs, t);
                var point = Evaluate(file, policy, consent, t, cause);
                if (points.Count == 0 || !Same(points[^1], point))
                {
                    var now2 = Counting(file, policy, consent, t);
                    points.Add(point with
                    {
                        Causes = [.. what],
                        Counting = now2,
                        Started = [.. now2.Where(c => !counting.Any(p => p.Record == c.Record))],
                        Stopped = [.. counting.Where(p => !now2.Any(c => c.Record == p.Record))],
                    });
                    counting = now2;
                }
            }

            var change = next < instants.Count ? instants[next] : DateTimeOffset.MaxValue;
            var ending = policy is null ? DateTimeOffset.MaxValue : ReviewTimes.Next(policy.Policy, known, t);
            if (ending < change && ending <= now)
            {
                (t, cause, what) = (ending, "an effect, term or window ended", [new ScoreCause(ScoreCauseKind.EffectEnded)]);
            }
            else if (change != DateTimeOffset.MaxValue)
            {
                (t, cause, what) = (change, string.Join("; ", causes[change]), data[change]);
            }
            else
            {
                break;
            }
        }

        return points.ToImmutable();
    }

    private static ScorePoint Evaluate(SubjectFile file, ActivePolicy policy, bool consent, DateTimeOffset t, string cause)
    {
        var summary = ScoringEngine.Evaluate(SubjectFacts.Compile(policy.Compiled, file), t, consent);
        var p = policy.Policy;
        var lists = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < p.Lists.Length; i++)
        {
            if (summary.IsListed(i))
            {
                lists.Add(p.Lists[i].Id);
            }
        }

        var scored = summary.Status == ScoreStatus.Scored;
        return new ScorePoint(t, cause, policy.Tag, summary.Status, scored ? summary.Score : null,
            summary.GradeIndex >= 0 ? p.Grades[summary.GradeIndex].Name : null, lists.ToImmutable());
    }

    /// <summary>The records counting (with points other than 0) in the outcome at <paramref name="t"/>.</summary>
    private static ImmutableArray<CountedRecord> Counting(SubjectFile file, ActivePolicy policy, bool consent, DateTimeOffset t) =>
        [.. Explainer.Assess(SubjectFacts.Compile(policy.Compiled, file), t, consent).Contributions
            .Where(c => c.Counted != 0)
            .Select(c => new CountedRecord(c.Record.ToString(), c.Type, c.Counted))];

    private static string? TypeOf(IReadOnlyList<Record> records, RecordKey key) => records.LastOrDefault(r => r.Key == key)?.Type;

    private static string Word(DisputeState state) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());

    private static bool Same(ScorePoint a, ScorePoint b) =>
        a.PolicyVersion == b.PolicyVersion && a.Status == b.Status && a.Score == b.Score && a.Grade == b.Grade && a.Lists.SequenceEqual(b.Lists);
}
