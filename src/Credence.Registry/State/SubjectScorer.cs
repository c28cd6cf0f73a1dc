using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Recomputes one subject's stored outcome under a policy at the unit of work's instant, inside it:
/// its state row (score, grade, lists, policy version, review time) and its listings (opened,
/// updated, or ended with the instant they ended; ended listings stay as history, and the subject
/// is told of each listing and delisting). The file includes the subject's dispute flags and
/// granted repairs (<see cref="SubjectFiles"/>), and transitions that fell due are acted on first
/// (<see cref="DueTransitions"/>).
/// </summary>
/// <remarks>
/// Implementation note: this runs for every subject an intake batch touches, so it uses the
/// allocation-free engine, and for subjects that are listed only the listings' terms (since when
/// and until when), not the full explanation. Consent: each subject's stored consent in force at the
/// instant, one indexed probe per subject and only under a policy that requires consent (see
/// <see cref="Consents"/>); without it such a policy gives no score and no reward, while lists
/// resting on legal decisions still apply.
/// <para>
/// Implementation note: the instant is the unit's own (<see cref="IRegistryWriter.Now"/>, taken by
/// the store in commit order), never one the caller read before queueing: a re-scoring as of an
/// instant before a record already stored was reported would drop that record, end its listing
/// before it started and send a delisting dated before the listing. Should a subject's stored state
/// be later still (another process's writer with a clock ahead), it is re-scored at that state's
/// instant, so a subject's state never goes back in time.
/// </para>
/// </remarks>
internal static class SubjectScorer
{
    /// <summary>Below this many subjects the scoring runs on the writer's thread alone.</summary>
    private const int ParallelFrom = 64;

    public static SubjectState Rescore(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, string? why = null) =>
        Rescore(writer, [(subject, policy)], why)[0];

    /// <summary>
    /// Re-scores many subjects: their records, due-process flags and previous states are read (after
    /// acting on the transitions that fell due for those whose review time has come), their outcomes
    /// computed (in parallel for large batches: scoring is pure), and the results written, in this order.
    /// </summary>
    /// <param name="why">Why listings that end now ended, for the delisting notices; a generic reason when null.</param>
    /// <remarks>
    /// Implementation note: the writer's thread does only what needs the store. A subject whose
    /// review time has come and that <see cref="DueTransitions.CanPlan"/> (no dispute, no consent to
    /// look up: nearly every subject the scheduler wakes) has its catch-up planned with its
    /// re-scoring, in the parallel part, from what was read once; the writer then writes the plan
    /// just before the subject's state, which is the order <see cref="DueTransitions.Act"/> would
    /// have written them in. The others are caught up by <see cref="DueTransitions.Act"/> first, as before.
    /// </remarks>
    public static SubjectState[] Rescore(IRegistryWriter writer, IReadOnlyList<(SubjectId Subject, ActivePolicy Policy)> subjects, string? why = null)
    {
        var n = subjects.Count;
        var records = new IReadOnlyList<Record>[n];
        var flags = new CaseFlags[n];
        var facts = new SubjectFacts?[n];
        var previous = new SubjectState?[n];
        var consent = new bool[n];
        var at = new DateTimeOffset[n];
        var open = new IReadOnlyList<ListingRow>?[n];

        // A subject named twice is caught up by the store's own order (Act), the second time seeing the first's writes.
        var plan = subjects.Select(s => s.Subject.Value).Distinct(StringComparer.Ordinal).Count() == n;
        for (var i = 0; i < n; i++)
        {
            var (subject, policy) = subjects[i];
            previous[i] = writer.FindSubjectState(subject.Value);
            at[i] = previous[i] is { } before && before.EvaluatedAt > writer.Now ? before.EvaluatedAt : writer.Now;
            if (previous[i] is { } p && p.ReviewAt <= at[i])
            {
                var disputes = writer.SubjectDisputes(subject.Value);
                if (plan && DueTransitions.CanPlan(policy, disputes))
                {
                    records[i] = writer.SubjectRecords(subject);
                    var repairs = writer.GrantedRepairs(subject.Value);
                    flags[i] = repairs.Count == 0 ? CaseFlags.None : SubjectFiles.Flags(writer, subject);
                    open[i] = writer.SubjectListings(subject.Value, openOnly: true);
                    consent[i] = false;
                    continue;
                }

                (records[i], flags[i], facts[i]) = DueTransitions.Act(writer, subject, policy, p.EvaluatedAt, at[i]);
            }
            else
            {
                records[i] = writer.SubjectRecords(subject);
                flags[i] = SubjectFiles.Flags(writer, subject);
            }

            consent[i] = Consents.At(writer, policy, subject.Value, at[i]);
        }

        var results = new (SubjectState State, ImmutableArray<StoredListing>? Listings, SubjectFacts Facts, IReadOnlyList<DueStep> Due)[n];
        void Work(int i)
        {
            var (subject, policy) = subjects[i];
            var compiled = facts[i] ?? SubjectFacts.Compile(policy.Compiled, SubjectFiles.Create(subject, records[i], flags[i]));
            var due = open[i] is { } listings ? DueTransitions.Plan(subject, policy, records[i], compiled, listings, previous[i]!.EvaluatedAt, at[i]) : [];
            var (state, current) = Compute(subject, policy.Tag, policy.Compiled, records[i], flags[i], compiled, previous[i], consent[i], at[i]);
            results[i] = (state, current, compiled, due);
        }

        if (n >= ParallelFrom)
        {
            Parallel.For(0, n, Work);
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                Work(i);
            }
        }

        var states = new SubjectState[n];
        for (var i = 0; i < n; i++)
        {
            var (state, listings, subjectFacts, due) = results[i];
            if (due.Count > 0)
            {
                DueTransitions.Apply(writer, subjects[i].Subject, subjects[i].Policy, subjectFacts, due);
            }

            writer.SaveSubjectState(state);
            if (listings is { } current)
            {
                ListingSync.Sync(writer, subjects[i].Subject, subjects[i].Policy, current, subjectFacts, at[i], why);
            }

            states[i] = state;
        }

        return states;
    }

    /// <summary>
    /// What a re-scoring at <paramref name="at"/> under the policy version <paramref name="tag"/>
    /// would store for the subject: its state row and its open listings. The state check compares
    /// the stored ones with this (<see cref="StateCheck"/>).
    /// </summary>
    public static (SubjectState State, ImmutableArray<StoredListing> Listings) Expected(IRegistryReader reader, SubjectId subject, string tag, CompiledPolicy compiled, DateTimeOffset at)
    {
        var consent = compiled.Policy.ConsentRequired && reader.ConsentAt(subject.Value, at);
        var records = reader.SubjectRecords(subject);
        var flags = SubjectFiles.Flags(reader, subject);
        var (state, listings) = Compute(subject, tag, compiled, records, flags, SubjectFacts.Compile(compiled, SubjectFiles.Create(subject, records, flags)), null, consent, at);
        return (state, listings ?? []);
    }

    /// <summary>The new state, and the current listings when the stored ones must be brought in line (null when there were none and are none).</summary>
    private static (SubjectState State, ImmutableArray<StoredListing>? Listings) Compute(
        SubjectId subject, string tag, CompiledPolicy compiled, IReadOnlyList<Record> records, CaseFlags flags, SubjectFacts facts, SubjectState? previous, bool consent, DateTimeOffset now)
    {
        var summary = ScoringEngine.Evaluate(facts, now, consent);
        var p = compiled.Policy;
        var lists = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < p.Lists.Length; i++)
        {
            if (summary.IsListed(i))
            {
                lists.Add(p.Lists[i].Id);
            }
        }

        var scored = summary.Status == ScoreStatus.Scored;
        var state = new SubjectState(
            subject.Value,
            subject.Kind,
            tag,
            summary.Status,
            scored ? summary.Score : null,
            summary.GradeIndex >= 0 ? p.Grades[summary.GradeIndex].Name : null,
            lists.ToImmutable(),
            now,
            ReviewTimes.Next(p, records, now, flags.OpenDeadlines));
        if (state.Lists.IsEmpty && (previous is null || previous.Lists.IsEmpty))
        {
            return (state, null);
        }

        return (state, state.Lists.IsEmpty ? [] : ToListings(p, ListingTerms.At(facts, now, summary)));
    }

    /// <summary>The stored form of each term: list id, whether it is published, since and until.</summary>
    private static ImmutableArray<StoredListing> ToListings(Core.Policies.Policy policy, ImmutableArray<ListingTerm> terms)
    {
        var result = ImmutableArray.CreateBuilder<StoredListing>(terms.Length);
        foreach (var term in terms)
        {
            var list = policy.Lists[term.List];
            result.Add(new StoredListing(list.Id, list.Published, term.Since, term.Until));
        }

        return result.MoveToImmutable();
    }
}
