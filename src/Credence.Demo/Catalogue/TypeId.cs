namespace Credence.Demo.Catalogue;

/// <summary>The record types the city produces, as compact indices into <see cref="RecordTypes.All"/>.</summary>
internal enum TypeId : byte
{
    LateCreditCardPayment,
    LoanContractDefault,
    BreachOfContractJudgment,
    LateUtilityFees,
    UtilityTheft,
    PublicUtilityDamage,
    FareEvasion,
    TrafficViolation,
    TaxEvasion,
    JudgmentDefaulter,
    DefaulterTermExtended,
    JudgmentPerformed,
    UtilityArrearsPaid,
    LoanRepaid,
    Volunteering,
    BloodDonation,
    CharitableDonation,
    HeroicAct,
    TaxArrears,
    LateTaxFiling,
    ProductQualityViolation,
    FoodSafetyViolation,
    EnvironmentalPenalty,
    AGradeTaxpayer,
    TaxPaid,
    RectificationCompleted,
}
