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
    public static void Act(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, DateTimeOffset after, DateTimeOffset now)
    {
        var (records, facts, disputes) = Read(writer, subject, policy);
        var open = writer.SubjectListings(subject.Value, openOnly: true);
        var at = after;
        while (true)
        {
            var next = ReviewTimes.Next(policy.Policy, records, at, [.. disputes.Where(d => d.IsOpen).Select(d => d.DueAt)]);
            if (next > now)
            {
                return;
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
                (records, facts, disputes) = Read(writer, subject, policy);
            }

            if (Settle(writer, subject, policy, facts, open, next, why))
            {
                open = writer.SubjectListings(subject.Value, openOnly: true);
            }

            at = next;
        }
    }

    private static (IReadOnlyList<Record> Records, SubjectFacts Facts, IReadOnlyList<StoredDispute> Disputes) Read(IRegistryWriter writer, SubjectId subject, ActivePolicy policy)
    {
        var records = writer.SubjectRecords(subject);
        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Create(subject, records, SubjectFiles.Flags(writer, subject)));
        return (records, facts, writer.SubjectDisputes(subject.Value));
    }

    /// <summary>
    /// Brings the stored listings in line with the subject's lists as of <paramref name="at"/> when
    /// they differ (a list joined or left, or a term that ran out); returns true when it did.
    /// </summary>
    private static bool Settle(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, SubjectFacts facts, IReadOnlyList<ListingRow> open, DateTimeOffset at, string? why)
    {
        var summary = ScoringEngine.Evaluate(facts, at, Consents.At(writer, policy, subject.Value, at));
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
            return false;
        }

        ImmutableArray<StoredListing> current = [.. ListingTerms.At(facts, at, summary).Select(term =>
        {
            var list = lists[term.List];
            return new StoredListing(list.Id, list.Published, term.Since, term.Until);
        })];
        ListingSync.Sync(writer, subject, policy, current, facts, at, why);
        return true;
    }
}
