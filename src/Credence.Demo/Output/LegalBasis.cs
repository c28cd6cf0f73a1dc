using System.Globalization;
using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;
using Credence.Demo.Stories;

namespace Credence.Demo.Output;

/// <summary>
/// The decision, case or contract a record rests on, written the way Chinese bodies number them in
/// transliteration: "(2025) Lu 1082 Zhi No. 4411" is the 4411th enforcement case of 2025 at the
/// Rongcheng court (Shandong, abbreviated Lu); "Hu Shi Jian Fa [2025] No. 2231" a Shanghai market
/// regulation penalty decision.
/// </summary>
/// <remarks>
/// Implementation note: numbers come from a hash of the record the basis cites, so a follow-up (a
/// judgment performed, arrears paid, a rectification accepted) and a correction cite the same case as
/// the record they follow. Contracts (supply, card) come from a hash of the subject: one person, one
/// supply contract. Volunteering and blood donation rest on no decision and carry none.
/// </remarks>
internal sealed class LegalBasis(long seed)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string? Of(in CityEvent e, Region region)
    {
        var key = e;
        key.Ordinal = e.Reference;
        ulong cited = CityRandom.Mix(unchecked((ulong)seed) ^ Salt.Reference ^ (ulong)key.ChainKey);
        ulong contract = CityRandom.Mix(unchecked((ulong)seed) ^ Salt.Contract ^ (ulong)(key.ChainKey & ~0xFFFFFFL));
        int n = 1 + (int)(cited % 8999);
        int y = CityCalendar.LocalYear(e.Anchor);
        string date = IsoInstant.FormatDate(CityCalendar.LocalDate(e.Occurred));
        string p = region.Province, court = $"{p} {region.CourtCode}";
        bool followsUp = e.Reference != e.Ordinal;
        return e.Type switch
        {
            TypeId.JudgmentDefaulter => string.Create(Invariant, $"({y}) {court} Zhi No. {n}"),
            TypeId.DefaulterTermExtended => string.Create(Invariant, $"({y}) {court} Zhi No. {n}, term extended by order of {date}"),
            TypeId.JudgmentPerformed => string.Create(Invariant, $"({y}) {court} Zhi No. {n}, performance confirmed {date}"),
            TypeId.BreachOfContractJudgment => string.Create(Invariant, $"({y}) {court} Min Chu No. {n}"),
            TypeId.TaxEvasion => string.Create(Invariant, $"{p} Shui Ji Fa [{y}] No. {n}"),
            TypeId.TaxArrears => string.Create(Invariant, $"{p} Shui Zhui [{y}] No. {n}"),
            TypeId.LateTaxFiling => string.Create(Invariant, $"{p} Shui Jian Fa [{y}] No. {n}"),
            TypeId.AGradeTaxpayer => string.Create(Invariant, $"Tax credit rating {y - 1}, grade A, {p} Shui Gao [{y}] No. {1 + (n % 40)}"),
            TypeId.TaxPaid when followsUp => string.Create(Invariant, $"{p} Shui Zhui [{y}] No. {n}, settled {date}"),
            TypeId.TaxPaid => string.Create(Invariant, $"Annual settlement {y - 1}, tax payment certificate {cited % 100_000_000:D8}"),
            TypeId.ProductQualityViolation or TypeId.FoodSafetyViolation => string.Create(Invariant, $"{p} Shi Jian Fa [{y}] No. {n}"),
            TypeId.RectificationCompleted when e.Source == SourceId.EnvironmentalRegulator =>
                string.Create(Invariant, $"{p} Huan Fa [{y}] No. {n}, rectification accepted {date}"),
            TypeId.RectificationCompleted => string.Create(Invariant, $"{p} Shi Jian Fa [{y}] No. {n}, rectification accepted {date}"),
            TypeId.EnvironmentalPenalty => string.Create(Invariant, $"{p} Huan Fa [{y}] No. {n}"),
            TypeId.TrafficViolation => string.Create(Invariant, $"Traffic penalty decision No. {region.Code}{y % 100:D2}{cited % 100_000_000:D8}"),
            TypeId.FareEvasion => string.Create(Invariant, $"Transit penalty notice TA-{y}-{cited % 1_000_000:D6}"),
            TypeId.LateUtilityFees => string.Create(Invariant, $"Supply contract {Supply(contract)}, arrears notice {y}-{n:D4}"),
            TypeId.UtilityArrearsPaid => string.Create(Invariant, $"Supply contract {Supply(contract)}, arrears notice {y}-{n:D4} settled {date}"),
            TypeId.UtilityTheft => string.Create(Invariant, $"Supply contract {Supply(contract)}, theft inspection report {y}-{n:D4}"),
            TypeId.PublicUtilityDamage => string.Create(Invariant, $"Damage assessment {y}-{n:D4}, {p} Gong Xing Fa [{y}] No. {n}"),
            TypeId.LateCreditCardPayment => string.Create(Invariant, $"Card agreement 6222-{contract % 10_000:D4}-{contract / 10_000 % 10_000:D4}, statement {date.AsSpan(0, 7)}"),
            TypeId.LoanContractDefault => string.Create(Invariant, $"Loan contract {Loan(y, n)}, default notice {y}-{cited % 1000:D3}"),
            TypeId.LoanRepaid => string.Create(Invariant, $"Loan contract {Loan(y, n)}, {(followsUp ? "arrears settled" : "repaid in full")} {date}"),
            TypeId.CharitableDonation => string.Create(Invariant, $"Donation receipt CF-{y}-{cited % 1_000_000:D6}"),
            TypeId.HeroicAct => string.Create(Invariant, $"Commendation {p} Jian Yi [{y}] No. {1 + (n % 200)}"),
            _ => null,
        };
    }

    private static string Supply(ulong contract) => string.Create(Invariant, $"{"EWG"[(int)(contract % 3)]}-{2005 + (int)(contract / 3 % 18)}-{contract / 54 % 100_000:D5}");

    private static string Loan(int year, int n) => string.Create(Invariant, $"CB-{year - 1 - (n % 4)}-{n:D5}");
}
