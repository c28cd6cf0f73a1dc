using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>
/// A subject's cohorts, read from its identifier and nothing else: no personal data beyond what the
/// number already carries is used, stored or asked for.
/// </summary>
/// <remarks>
/// Implementation note: a part of a valid identifier that names nothing known (an organisation's
/// registering office under no province, a person born after the report's instant) puts the
/// subject in the dimension's marked <c>unknown</c> cohort, which is reported like any other. An
/// identifier its scheme refuses (bad check character, a full-width or other non-ASCII digit, an
/// unknown province in a person's number, a birth date after the day of the check) is read as
/// nothing at all: <see cref="Read"/> says which rule it broke, and the caller counts it apart.
/// </remarks>
public static class Cohorts
{
    /// <summary>The cohorts of a checked identifier at <paramref name="asOf"/>, one per dimension of its kind.</summary>
    public static ImmutableArray<Cohort> Of(SubjectId subject, DateTimeOffset asOf)
    {
        var text = subject.Value ?? throw new ArgumentException("an empty identifier", nameof(subject));
        return subject.Kind switch
        {
            SubjectKind.Person => [PersonRegion(text), subject.BirthDate is { } born ? AgeBands.Of(born, asOf) : AgeBands.Unknown, Sex(text)],
            SubjectKind.Organisation => [OrganisationRegion(text), OrganisationType(text)],
            _ => throw new ArgumentOutOfRangeException(nameof(subject), subject.Kind, "unknown subject kind"),
        };
    }

    /// <summary>
    /// Checks <paramref name="text"/> by the identifier rules (as of <paramref name="today"/>, the day of
    /// the check) and reads its cohorts at <paramref name="asOf"/>; a refused identifier yields no cohort and the rule it broke.
    /// </summary>
    public static CohortReading Read(string text, DateOnly today, DateTimeOffset asOf, IdentifierAllowList? allowList = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var check = SubjectIdentifiers.Check(text, today, allowList);
        return check.Id is { } id
            ? new CohortReading(id, Of(id, asOf), null, null)
            : new CohortReading(null, [], check.Rule, check.Reason);
    }

    private static Cohort PersonRegion(string text) =>
        Provinces.Find(text[..2]) is { } p
            ? new Cohort(CohortDimensions.Region, text[..2], p.En, p.Zh)
            : UnknownRegion;

    private static Cohort OrganisationRegion(string text)
    {
        var code = text.Substring(2, 2);
        if (code == "10")
        {
            return new Cohort(CohortDimensions.Region, "10", "central registration (100000)", "中央登记（100000）");
        }

        return Provinces.Find(code) is { } p
            ? new Cohort(CohortDimensions.Region, code, p.En, p.Zh)
            : UnknownRegion;
    }

    private static Cohort Sex(string text) => (text[16] - '0') % 2 == 1
        ? new Cohort(CohortDimensions.Sex, "male", "male (17th digit odd)", "男（第17位为奇数）")
        : new Cohort(CohortDimensions.Sex, "female", "female (17th digit even)", "女（第17位为偶数）");

    private static Cohort OrganisationType(string text)
    {
        var key = $"{char.ToUpperInvariant(text[0])}-{char.ToUpperInvariant(text[1])}";
        return OrganisationTypes.Find(key) is { } t
            ? new Cohort(CohortDimensions.OrganisationType, key, $"{t.En} ({key})", $"{t.Zh}（{key}）")
            : UnknownType;
    }

    private static readonly Cohort UnknownRegion = new(CohortDimensions.Region, Cohort.UnknownKey, "unknown (a region code that names no province)", "未知（地区代码不对应任何省级行政区）", Known: false);

    private static readonly Cohort UnknownType = new(CohortDimensions.OrganisationType, Cohort.UnknownKey, "unknown (an authority and category with no known type)", "未知（登记管理部门和机构类别代码无对应类别）", Known: false);
}
