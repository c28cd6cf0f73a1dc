using System.Collections.Immutable;

namespace Credence.Registry.Storage;

/// <summary>How many subjects are on a list under a policy version.</summary>
public sealed record ListCount(string PolicyTag, string List, long Subjects)
{
    /// <summary>
    /// The listings in force: the open ones less those whose term has passed (by policy and list), without
    /// the lists left empty, in ordinal order of policy and list.
    /// </summary>
    public static ImmutableArray<ListCount> InForce(IEnumerable<ListCount> open, IEnumerable<ListCount> lapsed)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(lapsed);
        var gone = lapsed.ToDictionary(l => (l.PolicyTag, l.List), l => l.Subjects);
        return
        [
            .. open.Select(o => o with { Subjects = o.Subjects - gone.GetValueOrDefault((o.PolicyTag, o.List)) })
                .Where(o => o.Subjects > 0)
                .OrderBy(o => o.PolicyTag, StringComparer.Ordinal)
                .ThenBy(o => o.List, StringComparer.Ordinal),
        ];
    }
}
