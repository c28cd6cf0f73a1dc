using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Demo.Tests;

/// <summary>
/// What the brief and the sample policies fix, written out independently of the generator: the
/// record types with their areas, which are negative, who they are about, and which source sends them.
/// </summary>
internal static class Expected
{
    public static readonly DateTimeOffset End = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    public static DateOnly EndDate => DateOnly.FromDateTime(End.UtcDateTime);

    public static readonly IReadOnlyDictionary<string, Area> PersonTypes = new Dictionary<string, Area>
    {
        ["late-credit-card-payment"] = Area.Commercial,
        ["loan-contract-default"] = Area.Commercial,
        ["breach-of-contract-judgment"] = Area.Judicial,
        ["late-utility-fees"] = Area.Social,
        ["utility-theft"] = Area.Administrative,
        ["public-utility-damage"] = Area.Administrative,
        ["fare-evasion"] = Area.Administrative,
        ["traffic-violation"] = Area.Administrative,
        ["tax-evasion"] = Area.Administrative,
        ["judgment-defaulter"] = Area.Judicial,
        ["defaulter-term-extended"] = Area.Judicial,
        ["judgment-performed"] = Area.Judicial,
        ["utility-arrears-paid"] = Area.Social,
        ["loan-repaid"] = Area.Commercial,
        ["volunteering"] = Area.Social,
        ["blood-donation"] = Area.Social,
        ["charitable-donation"] = Area.Social,
        ["heroic-act"] = Area.Social,
    };

    public static readonly IReadOnlyDictionary<string, Area> OrganisationTypes = new Dictionary<string, Area>
    {
        ["tax-arrears"] = Area.Administrative,
        ["tax-evasion"] = Area.Administrative,
        ["late-tax-filing"] = Area.Administrative,
        ["product-quality-violation"] = Area.Administrative,
        ["food-safety-violation"] = Area.Administrative,
        ["environmental-penalty"] = Area.Administrative,
        ["a-grade-taxpayer"] = Area.Administrative,
        ["tax-paid"] = Area.Administrative,
        ["rectification-completed"] = Area.Administrative,
        ["judgment-defaulter"] = Area.Judicial,
        ["judgment-performed"] = Area.Judicial,
    };

    public static readonly IReadOnlySet<string> Positive = new HashSet<string>
    {
        "defaulter-term-extended", "judgment-performed", "utility-arrears-paid", "loan-repaid", "volunteering",
        "blood-donation", "charitable-donation", "heroic-act", "a-grade-taxpayer", "tax-paid", "rectification-completed",
    };

    public static readonly IReadOnlySet<string> WithQuantity = new HashSet<string>
    {
        "tax-evasion", "charitable-donation", "environmental-penalty",
    };

    public static readonly IReadOnlyDictionary<string, string[]> SourceTypes = new Dictionary<string, string[]>
    {
        ["court"] = ["judgment-defaulter", "defaulter-term-extended", "judgment-performed", "breach-of-contract-judgment"],
        ["tax-bureau"] = ["tax-evasion", "tax-arrears", "late-tax-filing", "a-grade-taxpayer", "tax-paid"],
        ["market-regulator"] = ["product-quality-violation", "food-safety-violation", "rectification-completed"],
        ["transit-authority"] = ["fare-evasion", "traffic-violation"],
        ["utilities"] = ["late-utility-fees", "utility-arrears-paid", "utility-theft", "public-utility-damage"],
        ["city-bank"] = ["late-credit-card-payment", "loan-contract-default", "loan-repaid"],
        ["charity-federation"] = ["volunteering", "blood-donation", "charitable-donation", "heroic-act"],
        ["environmental-regulator"] = ["environmental-penalty", "rectification-completed"],
    };

    public static bool IsNegative(string type) => !Positive.Contains(type);

    public static IReadOnlyDictionary<string, Area> TypesFor(SubjectKind kind) =>
        kind == SubjectKind.Person ? PersonTypes : OrganisationTypes;
}
