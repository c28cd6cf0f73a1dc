using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Catches a subject up on what fell due since it was last evaluated, instant by instant, each at
/// its exact instant: open disputes reaching their deadline are resolved for the subject, approaching
/// expiries are announced, and the listings that end or begin (a term run out, an effect ended, a
/// record removed at a deadline, a "no negative record" window passed) are ended or opened with
/// their notices at that instant, not at whatever later moment the registry got round to it.
/// </summary>
/// <remarks>
/// Implementation note: <see cref="SubjectScorer"/> calls this before every re-scoring of a subject
/// whose review time has come, with the subject's last evaluation as <c>after</c>. So the
/// transitions are acted on whoever re-scores first (the scheduler, an intake, a public lookup), each
/// exactly once, and all of it is derived from stored state: a restart loses nothing, and a registry
/// that was down across several deadlines records each at its own instant. The instants are the
/// review times (<see cref="ReviewTimes"/>: every instant at which the outcome may change without a
/// new record, or a transition falls due) between <c>after</c> and <c>now</c>, taken in order; at
/// each, the transitions due are acted on, then the listings are brought in line as of that instant.
/// The state row itself is stored once, at <c>now</c>, by the caller; the score history is derived
/// from the record versions, whose removals are reported at the deadlines.
/// </remarks>
internal static class DueTransitions
{
    /// <summary>Acts on what fell due; returns the subject's records, flags and facts as they stand afterwards.</summary>
    public static (IReadOnlyList<Record> Records, CaseFlags Flags, SubjectFacts Facts) Act(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, DateTimeOffset after, DateTimeOffset now)
    {
        var (records, flags, facts, disputes) = Read(writer, subject, policy);
        var open = writer.SubjectListings(subject.Value, openOnly: true);
        var at = after;
        while (true)
        {
            var next = ReviewTimes.Next(policy.Policy, records, at, [.. disputes.Where(d => d.IsOpen).Select(d => d.DueAt)]);
            if (next > now)
            {
                return (records, flags, facts);
            }

            string? why = null;
            var changed = false;
            foreach (var t in Transitions.Due(facts, disputes.Select(d => d.ToDispute(subject)), at, next, Consents.At(writer, policy, subject.Value, at)))
            {
                switch (t.Kind)
                {
                    case TransitionKind.DisputeDue when disputes.FirstOrDefault(d => d.Id == t.Dispute) is { } dispute && CaseWork.ResolveOverdue(writer, subject, policy, dispute, now):
                        changed = true;
                        why = $"dispute {dispute.Id} was resolved for you: {dispute.Source} did not answer before {dispute.DueAt:u}, and record {dispute.Record} stopped counting then";
                        break;
                    case TransitionKind.ExpiryApproaching:
                        CaseWork.Notify(writer, NoticeComposer.ExpiryApproaching(subject, policy.Tag, t));
                        break;
                }
            }

            if (changed)
            {
                (records, flags, facts, disputes) = Read(writer, subject, policy);
            }

            if (Current(policy, facts, [.. open.Select(Listed.Of)], next, Consents.At(writer, policy, subject.Value, next)) is { } current)
            {
                ListingSync.Sync(writer, subject, policy, current, facts, next, why);
                open = writer.SubjectListings(subject.Value, openOnly: true);
            }

            at = next;
        }
    }

    /// <summary>
    /// Whether <see cref="Plan"/> may stand in for <see cref="Act"/>: the subject has no dispute (so
    /// no deadline can resolve one and change its records) and the policy asks for no consent (so
    /// every evaluation's consent is known without the store).
    /// </summary>
    public static bool CanPlan(ActivePolicy policy, IReadOnlyList<StoredDispute> disputes) => disputes.Count == 0 && !policy.Policy.ConsentRequired;

    /// <summary>
    /// What <see cref="Act"/> would write for a subject that <see cref="CanPlan"/>, computed without
    /// the store from what it read first: a pure function, so the scheduler computes the plans of
    /// many subjects in parallel and the writer only writes them (<see cref="Apply"/>).
    /// </summary>
    /// <remarks>
    /// Implementation note: the same instants, transitions and evaluations as <see cref="Act"/>, in
    /// the same order. Where <see cref="Act"/> reads the open listings again after bringing them in
    /// line, the plan takes the listings it stored: <see cref="ListingSync"/> leaves open exactly one
    /// row per current listing, under this policy and with its term, and that is all the comparison looks at.
    /// </remarks>
    public static IReadOnlyList<DueStep> Plan(SubjectId subject, ActivePolicy policy, IReadOnlyList<Record> records, SubjectFacts facts, IReadOnlyList<ListingRow> open, DateTimeOffset after, DateTimeOffset now)
    {
        List<DueStep>? steps = null;
        IReadOnlyList<Listed> listed = [.. open.Select(Listed.Of)];
        var at = after;
        while (true)
        {
            var next = ReviewTimes.Next(policy.Policy, records, at, []);
            if (next > now)
            {
                return steps ?? (IReadOnlyList<DueStep>)[];
            }

            var notices = ImmutableArray.CreateBuilder<Notice>();
            foreach (var t in Transitions.Due(facts, [], at, next, consent: false))
            {
                if (t.Kind == TransitionKind.ExpiryApproaching)
                {
                    notices.Add(NoticeComposer.ExpiryApproaching(subject, policy.Tag, t));
                }
            }

            var current = Current(policy, facts, listed, next, consent: false);
            if (current is { } synced)
            {
                listed = [.. synced.Select(l => new Listed(l.List, l.Until, policy.Tag))];
            }

            if (notices.Count > 0 || current is not null)
            {
                (steps ??= []).Add(new DueStep(next, notices.ToImmutable(), current));
            }

            at = next;
        }
    }

    /// <summary>Writes a plan (<see cref="Plan"/>): each step's notices, then its listings, step by step.</summary>
    public static void Apply(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, SubjectFacts facts, IReadOnlyList<DueStep> steps)
    {
        foreach (var step in steps)
        {
            foreach (var notice in step.Notices)
            {
                CaseWork.Notify(writer, notice);
            }

            if (step.Listings is { } current)
            {
                ListingSync.Sync(writer, subject, policy, current, facts, step.At, why: null);
            }
        }
    }

    private static (IReadOnlyList<Record> Records, CaseFlags Flags, SubjectFacts Facts, IReadOnlyList<StoredDispute> Disputes) Read(IRegistryWriter writer, SubjectId subject, ActivePolicy policy)
    {
        var records = writer.SubjectRecords(subject);
        var flags = SubjectFiles.Flags(writer, subject);
        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Create(subject, records, flags));
        return (records, flags, facts, writer.SubjectDisputes(subject.Value));
    }

    /// <summary>
    /// The subject's listings as of <paramref name="at"/> when the stored open ones (<paramref name="open"/>)
    /// differ from them (a list joined or left, or a term that ran out), null when they agree.
    /// </summary>
    private static ImmutableArray<StoredListing>? Current(ActivePolicy policy, SubjectFacts facts, IReadOnlyList<Listed> open, DateTimeOffset at, bool consent)
    {
        var summary = ScoringEngine.Evaluate(facts, at, consent);
        var lists = policy.Compiled.Policy.Lists;
        var now = new HashSet<string>(StringComparer.Ordinal);
        for (var l = 0; l < lists.Length; l++)
        {
            if (summary.IsListed(l))
            {
                now.Add(lists[l].Id);
            }
        }

        var stale = open.Any(row => row.Until is { } until && until <= at || row.PolicyTag != policy.Tag)
            || !now.SetEquals(open.Select(row => row.List));
        if (!stale)
        {
            return null;
        }

        return [.. ListingTerms.At(facts, at, summary).Select(term =>
        {
            var list = lists[term.List];
            return new StoredListing(list.Id, list.Published, term.Since, term.Until);
        })];
    }

    /// <summary>What the comparison of stored and current listings looks at in an open listing row.</summary>
    private sealed record Listed(string List, DateTimeOffset? Until, string PolicyTag)
    {
        public static Listed Of(ListingRow row) => new(row.List, row.Until, row.PolicyTag);
    }
}
