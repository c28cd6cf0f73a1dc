using System.Collections.Immutable;

namespace Credence.Demo.Catalogue;

/// <summary>The city's eight sources, indexed by <see cref="SourceId"/>, and the prefixes of their record ids.</summary>
internal static class Sources
{
    /// <summary>Every source, in <see cref="SourceId"/> order.</summary>
    public static IReadOnlyList<CitySource> All { get; } =
    [
        Make("court", "Intermediate People's Court",
            TypeId.JudgmentDefaulter, TypeId.DefaulterTermExtended, TypeId.JudgmentPerformed, TypeId.BreachOfContractJudgment),
        Make("tax-bureau", "Municipal Tax Bureau",
            TypeId.TaxEvasion, TypeId.TaxArrears, TypeId.LateTaxFiling, TypeId.AGradeTaxpayer, TypeId.TaxPaid),
        Make("market-regulator", "Administration for Market Regulation",
            TypeId.ProductQualityViolation, TypeId.FoodSafetyViolation, TypeId.RectificationCompleted),
        Make("transit-authority", "Municipal Transit Authority", TypeId.FareEvasion, TypeId.TrafficViolation),
        Make("utilities", "City Water, Power and Gas",
            TypeId.LateUtilityFees, TypeId.UtilityArrearsPaid, TypeId.UtilityTheft, TypeId.PublicUtilityDamage),
        Make("city-bank", "City Commercial Bank", TypeId.LateCreditCardPayment, TypeId.LoanContractDefault, TypeId.LoanRepaid),
        Make("charity-federation", "Charity Federation",
            TypeId.Volunteering, TypeId.BloodDonation, TypeId.CharitableDonation, TypeId.HeroicAct),
        Make("environmental-regulator", "Ecology and Environment Bureau", TypeId.EnvironmentalPenalty, TypeId.RectificationCompleted),
    ];

    /// <summary>The prefix of each source's record ids (CT-0000123), in <see cref="SourceId"/> order.</summary>
    public static IReadOnlyList<string> RecordIdPrefixes { get; } = ["CT", "TX", "MR", "TA", "UT", "CB", "CF", "EV"];

    /// <summary>The source with the given compact id.</summary>
    public static CitySource Get(SourceId id) => All[(int)id];

    private static CitySource Make(string id, string name, params TypeId[] types) =>
        new(id, name, [.. types.Select(t => RecordTypes.Get(t).Id)]);
}
