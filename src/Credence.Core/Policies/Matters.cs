using System.Collections.Frozen;

namespace Credence.Core.Policies;

/// <summary>The policy-language names of the allowed matters, and which of them are rewards.</summary>
public static class Matters
{
    private static readonly FrozenDictionary<Matter, string> Names = new Dictionary<Matter, string>
    {
        [Matter.DebtRepayment] = "debt-repayment",
        [Matter.LoanAndLeaseContracts] = "loan-and-lease-contracts",
        [Matter.Tax] = "tax",
        [Matter.CourtJudgments] = "court-judgments",
        [Matter.ContractPerformance] = "contract-performance",
        [Matter.Fraud] = "fraud",
        [Matter.ProductQuality] = "product-quality",
        [Matter.FoodSafety] = "food-safety",
        [Matter.EnvironmentalProtection] = "environmental-protection",
        [Matter.WorkplaceSafety] = "workplace-safety",
        [Matter.TrafficSafety] = "traffic-safety",
        [Matter.PublicTransportFares] = "public-transport-fares",
        [Matter.Utilities] = "utilities",
        [Matter.PublicProperty] = "public-property",
        [Matter.Licensing] = "licensing",
        [Matter.Volunteering] = "volunteering",
        [Matter.BloodDonation] = "blood-donation",
        [Matter.CharitableDonation] = "charitable-donation",
        [Matter.HeroicActs] = "heroic-acts",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Matter> ByName =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Every allowed matter's policy name.</summary>
    public static IEnumerable<string> AllNames => ByName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The policy-language name, e.g. <c>court-judgments</c>.</summary>
    public static string NameOf(Matter matter) => Names[matter];

    /// <summary>Looks a matter up by its policy-language name.</summary>
    public static bool TryParse(string? name, out Matter matter) => ByName.TryGetValue(name ?? string.Empty, out matter);

    /// <summary>Reward matters may only be used by positive record types.</summary>
    public static bool IsReward(Matter matter) => (int)matter >= 100;
}
