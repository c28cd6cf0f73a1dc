using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>The cohort dimensions, per kind of subject: only what the identifier itself says.</summary>
public static class CohortDimensions
{
    /// <summary>Province-level region: of a person's address code (positions 1–6 of the identity number), or of an organisation's registering office (positions 3–8 of the code).</summary>
    public const string Region = "region";

    /// <summary>A person's age band at the report's instant, from the birth date in positions 7–14.</summary>
    public const string AgeBand = "age-band";

    /// <summary>A person's sex as the 17th digit encodes it (odd male, even female).</summary>
    public const string Sex = "sex";

    /// <summary>An organisation's registration authority and category (positions 1–2 of the code).</summary>
    public const string OrganisationType = "organisation-type";

    /// <summary>The dimensions of a kind of subject, in report order.</summary>
    public static ImmutableArray<string> Of(SubjectKind kind) => kind switch
    {
        SubjectKind.Person => [Region, AgeBand, Sex],
        SubjectKind.Organisation => [Region, OrganisationType],
        _ => [],
    };

    /// <summary>A dimension's name in English.</summary>
    public static string Label(string dimension) => dimension switch
    {
        Region => "region (province)",
        AgeBand => "age band",
        Sex => "sex",
        OrganisationType => "organisation type",
        _ => dimension,
    };

    /// <summary>A dimension's name in Chinese.</summary>
    public static string LabelZh(string dimension) => dimension switch
    {
        Region => "地区（省级）",
        AgeBand => "年龄段",
        Sex => "性别",
        OrganisationType => "组织类别",
        _ => dimension,
    };
}
