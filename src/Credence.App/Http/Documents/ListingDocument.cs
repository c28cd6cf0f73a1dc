using Credence.Registry.Storage;

namespace Credence.App.Http.Documents;

/// <summary>One listing in a subject's listing history.</summary>
internal sealed record ListingDocument(string List, string PolicyVersion, bool Published, DateTimeOffset? Since, DateTimeOffset? Until, DateTimeOffset? EndedAt)
{
    public static ListingDocument From(ListingRow l) =>
        new(l.List, l.PolicyTag, l.Published, l.Since, l.Until == DateTimeOffset.MaxValue ? null : l.Until, l.EndedAt);
}
