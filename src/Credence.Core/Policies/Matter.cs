namespace Credence.Core.Policies;

/// <summary>
/// The closed allow-list of matters a record type, list or measure may be about. Adding one is a
/// code change, reviewed like any other: a policy author cannot invent a matter.
/// </summary>
/// <remarks>
/// Implementation note: protected matters (political opinion, religion, ethnicity, health, sexual
/// life, trade-union membership, biometric or location tracking, social relationships, petitioning)
/// are absent from this enum on purpose, so that no policy can name one; <see cref="Validation.ProtectedMatters"/>
/// recognises their names only to refuse them with the reason.
/// </remarks>
public enum Matter
{
    DebtRepayment = 1,
    LoanAndLeaseContracts,
    Tax,
    CourtJudgments,
    ContractPerformance,
    Fraud,
    ProductQuality,
    FoodSafety,
    EnvironmentalProtection,
    WorkplaceSafety,
    TrafficSafety,
    PublicTransportFares,
    Utilities,
    PublicProperty,
    Licensing,

    // Reward matters: only positive record types may use them.
    Volunteering = 100,
    BloodDonation,
    CharitableDonation,
    HeroicActs,
}
