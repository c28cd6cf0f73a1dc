using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
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
/// allocation-free engine and builds the full explanation only for subjects that are listed (to
/// know since when and until when). Consent: the registry has no consent records yet, so subjects
/// are scored as not having consented; policies that require consent give no score (their lists
/// resting on legal decisions still apply).
/// </remarks>
internal static class SubjectScorer
{
    public const bool Consent = false;

    public static SubjectState Rescore(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, DateTimeOffset now)
    {
        var records = writer.SubjectRecords(subject);
        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFile.Create(subject, records));
        var summary = ScoringEngine.Evaluate(facts, now, Consent);
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
        var previous = writer.FindSubjectState(subject.Value);
        writer.SaveSubjectState(state);
        if (state.Lists.IsEmpty && (previous is null || previous.Lists.IsEmpty))
        {
            return state;
        }

        var listings = state.Lists.IsEmpty ? [] : Explainer.Assess(facts, now, Consent).Listings;
        SyncListings(writer, subject.Value, policy.Tag, listings, now);
        return state;
    }

    private static void SyncListings(IRegistryWriter writer, string subject, string tag, ImmutableArray<Listing> listings, DateTimeOffset now)
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
