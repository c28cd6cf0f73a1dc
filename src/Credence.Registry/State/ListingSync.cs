using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Brings a subject's stored listings in line with its current ones: opens, updates and ends rows,
/// and tells the subject of each list it joins or leaves.
/// </summary>
/// <remarks>
/// Implementation note: the notices follow the rows, so a listing announced is a listing stored.
/// A list left and joined again in one step (a listing carried over to a new policy version, or a
/// term that ran out while a later record lists the subject again) is neither a listing nor a
/// delisting. The listed notice needs the full explanation (its reasons and ways back), which is
/// computed only when a list is joined, so intake stays on the allocation-free engine otherwise.
/// </remarks>
internal static class ListingSync
{
    private const string GenericWhy = "the records it rested on no longer hold you there (performed, withdrawn, corrected, repaired, disputed or expired)";

    public static void Sync(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, ImmutableArray<StoredListing> listings, SubjectFacts facts, DateTimeOffset now, string? why)
    {
        var tag = policy.Tag;
        var kept = new List<ListingRow>();
        var ended = new List<(string List, DateTimeOffset At, string Why)>();
        foreach (var row in writer.SubjectListings(subject.Value, openOnly: true))
        {
            // A listing whose term ran out ended then, even if a later record lists the subject again.
            if (row.Until is { } until && until <= now)
            {
                writer.EndListing(row.Id, until);
                ended.Add((row.List, until, $"its term ended on {until:u}"));
                continue;
            }

            var current = row.PolicyTag == tag ? listings.FirstOrDefault(l => l.List == row.List) : null;
            if (current is null)
            {
                writer.EndListing(row.Id, now);
                ended.Add((row.List, now, why ?? GenericWhy));
                continue;
            }

            if (current.Since != row.Since || current.Until != row.Until)
            {
                writer.UpdateListing(row.Id, current.Since, current.Until);
            }

            kept.Add(row);
        }

        var opened = new List<string>();
        foreach (var listing in listings)
        {
            if (!kept.Any(row => row.List == listing.List))
            {
                writer.OpenListing(new ListingRow(0, subject.Value, listing.List, tag, listing.Published, listing.Since, listing.Until, null));
                opened.Add(listing.List);
            }
        }

        foreach (var (list, at, reason) in ended.Where(e => !opened.Contains(e.List)))
        {
            var def = policy.Policy.FindList(list);

            // Leaving a redlist loses a reward: the notice says how to get back on it.
            var wayBack = def?.Kind == Core.Policies.ListKind.Redlist
                ? NoticeComposer.WayBackOnto(facts, at, Consents.At(writer, policy, subject.Value, at), list)
                : default;
            CaseWork.Notify(writer, NoticeComposer.Delisted(subject, tag, list, def?.Name ?? list, at, reason, wayBack));
        }

        var joined = opened.Where(l => !ended.Any(e => e.List == l)).ToList();
        if (joined.Count > 0)
        {
            var assessment = Explainer.Assess(facts, now, Consents.At(writer, policy, subject.Value, now));
            foreach (var listing in assessment.Listings.Where(l => joined.Contains(l.List)))
            {
                CaseWork.Notify(writer, NoticeComposer.Listed(assessment, listing));
            }
        }
    }
}
