using System.Collections.Immutable;
using Credence.Core.Explanations;

namespace Credence.Core.DueProcess;

/// <summary>The listing and delisting notices owed when a subject's outcome changes.</summary>
/// <remarks>
/// Implementation note: notices follow from comparing two assessments (before and after a change,
/// or before and at a transition), so the registry needs no memory of which lists a subject was on
/// beyond its stored file: any change of state, a withdrawal included, yields its notices the same way.
/// </remarks>
public static class ListingNotices
{
    /// <summary>Notices for the lists <paramref name="after"/> adds (listed) and removes (delisted) relative to <paramref name="before"/>.</summary>
    /// <param name="why">Why the listings ended, for delisting notices, e.g. "the court withdrew the record".</param>
    public static ImmutableArray<Notice> Changes(Assessment before, Assessment after, string why)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Subject != after.Subject)
        {
            throw new ArgumentException("both assessments must be of the same subject", nameof(after));
        }

        var was = before.Listings.Select(l => l.List).ToHashSet(StringComparer.Ordinal);
        var now = after.Listings.Select(l => l.List).ToHashSet(StringComparer.Ordinal);
        var delisted = before.Listings
            .Where(l => !now.Contains(l.List))
            .Select(l => NoticeComposer.Delisted(after.Subject, after.PolicyVersion, l.List, l.Name, after.AsOf, why));
        var listed = after.Listings
            .Where(l => !was.Contains(l.List))
            .Select(l => NoticeComposer.Listed(after, l) with { At = after.AsOf });
        return [.. delisted.Concat(listed)];
    }
}
