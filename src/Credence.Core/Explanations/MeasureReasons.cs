using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// The causes of each measure's outcome, and the way forward: a triggered restriction rests on its
/// listing and the records that hold it; a grant not triggered lacks a condition (a grade, a list,
/// consent, age), each with what would meet it and when. Nothing else is a cause.
/// </summary>
/// <remarks>
/// Implementation note: a decision must not carry the score's key reasons when its measures do not
/// depend on the score (a G-train ticket denied through the court defaulter list does not depend on
/// unpaid utility fees). So records are named here only where they can change the outcome: the
/// records a listing rests on, the negative records that count against a grade a grant needs, and
/// the negative records that keep a subject off a list within its "no negative record" window.
/// </remarks>
internal static class MeasureReasons
{
    public static (ImmutableArray<Reason> Reasons, ImmutableArray<ForwardStep> Forward) For(
        SubjectFacts subject, long t, ScoreSummary summary, ImmutableArray<Contribution> counted, ImmutableArray<Listing> listings, int measure, GradeReach reach)
    {
        var m = subject.Policy.Measures[measure].Definition;
        var triggered = summary.IsTriggered(measure);
        if (m.Effect == MeasureEffect.Restrict)
        {
            return triggered ? Restriction(subject, summary, listings, m) : ([], []);
        }

        return triggered ? ([], []) : Unmet(subject, t, summary, counted, m.Name, m.Trigger, reach);
    }

    /// <summary>Why a subject is not on <paramref name="list"/>, and what would put it there: for a redlist left, the way back.</summary>
    public static (ImmutableArray<Reason> Reasons, ImmutableArray<ForwardStep> Forward) ListEntry(SubjectFacts subject, long t, bool consent, string list)
    {
        var def = subject.Policy.Policy.FindList(list) ?? throw new ArgumentException($"no list {list}", nameof(list));
        var (summary, counted, _) = Explainer.Basis(subject, t, consent);
        return Unmet(subject, t, summary, counted, $"Being on the {def.Name} again", new MeasureTrigger(list, null, null), new GradeReach(subject, t, consent));
    }

    private static (ImmutableArray<Reason>, ImmutableArray<ForwardStep>) Restriction(SubjectFacts subject, ScoreSummary summary, ImmutableArray<Listing> listings, Measure m)
    {
        var reasons = new List<Reason>();
        var forward = new List<ForwardStep>();
        if (m.Trigger.List is { } list && listings.FirstOrDefault(l => l.List == list) is { } listing)
        {
            var term = listing.Until is { } u && u != DateTimeOffset.MaxValue ? $" until {u:u} unless it ends earlier" : string.Empty;
            var records = listing.Records.IsDefaultOrEmpty ? string.Empty : $": record{(listing.Records.Length == 1 ? string.Empty : "s")} {string.Join(", ", listing.Records)}";
            reasons.Add(new Reason($"LISTED.{list}", $"{m.Name} applies to those on the {listing.Name}; the subject is on it{term} ({listing.Basis}){records}", 0, listing.Records));
            if (listing.Until is { } end && end != DateTimeOffset.MaxValue)
            {
                forward.Add(new ForwardStep("listing-ends", $"The {listing.Name} listing ends by itself on {end:u}.", end));
            }

            var def = subject.Policy.Policy.FindList(list)!;
            if (!def.Exit.FulfilledBy.IsDefaultOrEmpty)
            {
                forward.Add(new ForwardStep("fulfil-obligation", $"The listing ends as soon as a record of {string.Join(" or ", def.Exit.FulfilledBy)} shows the obligation fulfilled."));
            }
        }

        if (m.Trigger.GradeAtLeast is not null || m.Trigger.GradeAtMost is not null)
        {
            var grade = summary.GradeIndex >= 0 ? subject.Policy.Policy.Grades[summary.GradeIndex].Name : "no grade";
            reasons.Add(new Reason($"GRADE.{(m.Trigger.GradeAtMost is { } most ? "AT-MOST." + most : "AT-LEAST." + m.Trigger.GradeAtLeast)}", $"{m.Name} applies at {Explainer.TriggerText(m.Trigger with { List = null })}; the subject has {grade}", 0, []));
        }

        return ([.. reasons], [.. forward]);
    }

    /// <summary>The unmet conditions of a grant triggered by <paramref name="trigger"/>, each with its way forward.</summary>
    private static (ImmutableArray<Reason>, ImmutableArray<ForwardStep>) Unmet(
        SubjectFacts subject, long t, ScoreSummary summary, ImmutableArray<Contribution> counted, string name, MeasureTrigger trigger, GradeReach reach)
    {
        var policy = subject.Policy.Policy;
        var reasons = new List<Reason>();
        var forward = new List<ForwardStep>();
        switch (summary.Status)
        {
            case ScoreStatus.UnderAge:
                var adult = Explainer.ToInstant(subject.AdultFrom);
                reasons.Add(new Reason("UNDER-AGE", $"{name} needs {Explainer.TriggerText(trigger)}; persons under {policy.MinimumAge} are neither scored nor listed", 0, []));
                forward.Add(new ForwardStep("come-of-age", $"The subject is scored from {adult:u}, on turning {policy.MinimumAge}.", adult));
                return ([.. reasons], [.. forward]);
            case ScoreStatus.NotCovered:
                return ([new Reason("NOT-COVERED", $"{name} needs {Explainer.TriggerText(trigger)}; {policy.VersionTag} covers {policy.Subjects} subjects only", 0, [])], []);
            case ScoreStatus.NoConsent:
                reasons.Add(new Reason("NO-CONSENT", $"{name} needs {Explainer.TriggerText(trigger)}; the policy scores only subjects who consent, and without consent there is no grade and no reward", 0, []));
                forward.Add(new ForwardStep("give-consent", "Give consent to scoring; the grade and rewards are then worked out at once."));
                return ([.. reasons], [.. forward]);
        }

        var gradeUnmet = false;
        if (trigger.List is { } list)
        {
            var l = subject.Policy.ListIndex(list);
            if (l >= 0 && !summary.IsListed(l))
            {
                gradeUnmet |= ListUnmet(subject, t, summary, name, l, reasons, forward, reach);
            }
        }

        if (!ScoringEngine.GradeWithin(summary.GradeIndex, GradeIndex(subject, trigger.GradeAtLeast), GradeIndex(subject, trigger.GradeAtMost)))
        {
            gradeUnmet |= Grade(subject, summary, name, trigger.GradeAtLeast, trigger.GradeAtMost, reasons, forward, reach);
        }

        if (gradeUnmet)
        {
            // The negative records that count are what keeps the grade below the one needed.
            reasons.AddRange(KeyReasons.ByType(policy, counted));
            if (policy.RecordTypes.Any(rt => rt.IsPositive))
            {
                forward.Add(new ForwardStep("earn-points", $"Records the catalogue rewards add points: {string.Join(", ", policy.RecordTypes.Where(rt => rt.IsPositive).Select(rt => rt.Name))}."));
            }
        }

        return ([.. reasons], [.. forward]);
    }

    /// <summary>Adds why the subject is not on list <paramref name="l"/>; returns true when a grade condition is among the causes.</summary>
    private static bool ListUnmet(SubjectFacts subject, long t, ScoreSummary summary, string name, int l, List<Reason> reasons, List<ForwardStep> forward, GradeReach reach)
    {
        var list = subject.Policy.Lists[l];
        var def = list.Definition;
        var why = new List<string>();
        var at = reasons.Count;
        var gradeUnmet = false;
        if (list.RestsOnRecords && !ListEntries.AnyHolding(subject, list, t))
        {
            var types = string.Join(" or ", def.Entry.ActiveRecordOf);
            why.Add($"it needs an active record of {types}");
            reasons.Add(new Reason($"NEEDS-RECORD.{def.Id}", $"the {def.Name} needs an active record of {types}, and the subject has none", 0, []));
            forward.Add(new ForwardStep("record-needed", $"A record of {types} from its source puts the subject on the {def.Name} if its other conditions hold."));
        }

        if (list.NeedsGrade && !ScoringEngine.GradeWithin(summary.GradeIndex, list.GradeAtLeast, list.GradeAtMost))
        {
            why.Add($"it needs {ConditionText(def.Entry.GradeAtLeast, def.Entry.GradeAtMost)}");
            gradeUnmet = Grade(subject, summary, $"the {def.Name}", def.Entry.GradeAtLeast, def.Entry.GradeAtMost, reasons, forward, reach);
        }

        if (list.NoNegativeWithin is { } within)
        {
            var blocking = new List<(int Fact, long Until)>();
            for (var i = 0; i < subject.Count; i++)
            {
                var f = subject.Facts[i];
                var until = Math.Min(f.Cut, within.AddTo(Explainer.ToInstant(f.Occurred)).UtcTicks);
                if (subject.Policy.Types[f.Type].Negative && t >= f.Start && t < until)
                {
                    blocking.Add((i, until));
                }
            }

            if (blocking.Count > 0)
            {
                var keys = blocking.Select(b => subject.Records[b.Fact].Key).Distinct().ToImmutableArray();
                var clear = Explainer.ToInstant(blocking.Max(b => b.Until));
                why.Add($"it needs no negative record within {within}");
                reasons.Add(new Reason($"NEGATIVE-WITHIN.{def.Id}", $"the {def.Name} needs no negative record within {within}; record{(keys.Length == 1 ? string.Empty : "s")} {string.Join(", ", keys)} fall{(keys.Length == 1 ? "s" : string.Empty)} within it", 0, keys));
                forward.Add(new ForwardStep("window-ends", $"The last of these records leaves the {within} window on {clear:u}, if no new negative record comes.", clear));
            }
        }

        var detail = why.Count == 0 ? string.Empty : ": " + string.Join("; ", why);
        reasons.Insert(at, new Reason($"NOT-LISTED.{def.Id}", $"{name} needs the {def.Name}, and the subject is not on it{detail}", 0, []));
        return gradeUnmet;
    }

    /// <summary>Adds the unmet grade condition and when it is met by itself; returns true when a better grade is what is missing.</summary>
    private static bool Grade(SubjectFacts subject, ScoreSummary summary, string name, string? atLeast, string? atMost, List<Reason> reasons, List<ForwardStep> forward, GradeReach reach)
    {
        var policy = subject.Policy.Policy;
        var held = $"grade {policy.Grades[summary.GradeIndex].Name} (score {summary.Score})";
        var condition = ConditionText(atLeast, atMost);
        if (atLeast is { } g && subject.Policy.GradeIndex(g) is var target and >= 0 && summary.GradeIndex > target)
        {
            var needed = policy.Grades[target].Minimum - summary.Score;
            reasons.Add(new Reason($"GRADE.BELOW.{g}", $"{name} needs {condition}; the subject has {held}, {needed} points short", 0, []));
            if (reach.At(target) is { } reached)
            {
                forward.Add(new ForwardStep("grade-by-expiry", $"If nothing changes, negative records stop counting and grade {g} is reached on {reached:u}.", reached));
            }
            else
            {
                forward.Add(new ForwardStep("earn-points", $"Grade {g} needs {needed} more points; negative records ending alone do not get there."));
            }

            return true;
        }

        reasons.Add(new Reason($"GRADE.ABOVE.{atMost}", $"{name} needs {condition}; the subject has {held}", 0, []));
        return false;
    }

    private static string ConditionText(string? atLeast, string? atMost) =>
        Explainer.TriggerText(new MeasureTrigger(null, atLeast, atMost));

    private static int GradeIndex(SubjectFacts subject, string? grade) => grade is null ? -1 : subject.Policy.GradeIndex(grade);
}
