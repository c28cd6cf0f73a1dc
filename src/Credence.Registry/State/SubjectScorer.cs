using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Recomputes one subject's stored outcome under a policy at an instant, inside a unit of work:
/// its state row (score, grade, lists, policy version, review time) and its listings (opened,
/// updated, or ended with the instant they ended; ended listings stay as history).
/// </summary>
/// <remarks>
/// Implementation note: this runs for every subject an intake batch touches, so it uses the
/// allocation-free engine, and for subjects that are listed only the listings' terms (since when
/// and until when), not the full explanation. Consent: each subject's stored consent in force at the
/// instant, one indexed probe per subject and only under a policy that requires consent (see
/// <see cref="Consents"/>); without it such a policy gives no score and no reward, while lists
/// resting on legal decisions still apply.
/// </remarks>
internal static class SubjectScorer
{
    /// <summary>Below this many subjects the scoring runs on the writer's thread alone.</summary>
    private const int ParallelFrom = 64;

    public static SubjectState Rescore(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, DateTimeOffset now) =>
        Rescore(writer, [(subject, policy)], now)[0];

    /// <summary>
    /// Re-scores many subjects: their records and previous states are read, their outcomes computed
    /// (in parallel for large batches: scoring is pure), and the results written, in this order.
    /// </summary>
    public static SubjectState[] Rescore(IRegistryWriter writer, IReadOnlyList<(SubjectId Subject, ActivePolicy Policy)> subjects, DateTimeOffset now)
    {
        var n = subjects.Count;
        var records = new IReadOnlyList<Record>[n];
        var previous = new SubjectState?[n];
        var consent = new bool[n];
        for (var i = 0; i < n; i++)
        {
            records[i] = writer.SubjectRecords(subjects[i].Subject);
            previous[i] = writer.FindSubjectState(subjects[i].Subject.Value);
            consent[i] = Consents.At(writer, subjects[i].Policy, subjects[i].Subject.Value, now);
        }

        var results = new (SubjectState State, ImmutableArray<StoredListing>? Listings)[n];
        if (n >= ParallelFrom)
        {
            Parallel.For(0, n, i => results[i] = Compute(subjects[i].Subject, subjects[i].Policy, records[i], previous[i], consent[i], now));
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                results[i] = Compute(subjects[i].Subject, subjects[i].Policy, records[i], previous[i], consent[i], now);
            }
        }

        var states = new SubjectState[n];
        for (var i = 0; i < n; i++)
        {
            var (state, listings) = results[i];
            writer.SaveSubjectState(state);
            if (listings is { } current)
            {
                SyncListings(writer, state.Subject, state.PolicyTag, current, now);
            }

            states[i] = state;
        }

        return states;
    }

    /// <summary>The new state, and the current listings when the stored ones must be brought in line (null when there were none and are none).</summary>
    private static (SubjectState State, ImmutableArray<StoredListing>? Listings) Compute(SubjectId subject, ActivePolicy policy, IReadOnlyList<Record> records, SubjectState? previous, bool consent, DateTimeOffset now)
    {
        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFile.Create(subject, records));
        var summary = ScoringEngine.Evaluate(facts, now, consent);
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
        var state = new SubjectState(
            subject.Value,
            subject.Kind,
            policy.Tag,
            summary.Status,
            scored ? summary.Score : null,
            summary.GradeIndex >= 0 ? p.Grades[summary.GradeIndex].Name : null,
            lists.ToImmutable(),
            now,
            ReviewTimes.Next(p, records, now));
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

    private static void SyncListings(IRegistryWriter writer, string subject, string tag, ImmutableArray<StoredListing> listings, DateTimeOffset now)
    {
        var kept = new List<ListingRow>();
        foreach (var row in writer.SubjectListings(subject, openOnly: true))
        {
            // A listing whose term ran out ended then, even if a later record lists the subject again.
            if (row.Until is { } until && until <= now)
            {
                writer.EndListing(row.Id, until);
                continue;
            }

            var current = row.PolicyTag == tag ? listings.FirstOrDefault(l => l.List == row.List) : null;
            if (current is null)
            {
                writer.EndListing(row.Id, now);
                continue;
            }

            if (current.Since != row.Since || current.Until != row.Until)
            {
                writer.UpdateListing(row.Id, current.Since, current.Until);
            }

            kept.Add(row);
        }

        foreach (var listing in listings)
        {
            if (!kept.Any(row => row.List == listing.List))
            {
                writer.OpenListing(new ListingRow(0, subject, listing.List, tag, listing.Published, listing.Since, listing.Until, null));
            }
        }
    }
}
