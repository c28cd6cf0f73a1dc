using Credence.Core.Records;

namespace Credence.Demo.Catalogue;

/// <summary>
/// The record types of the sample policies (<c>rongcheng-persons</c>, <c>shanghai-organisations</c>)
/// that the city produces, indexed by <see cref="TypeId"/>.
/// </summary>
/// <remarks>
/// Implementation note: the ids and areas are fixed by the sample policies; a type used by both
/// policies (tax-evasion, judgment-defaulter, judgment-performed) has the same area in both.
/// defaulter-term-extended is worth no points but lengthens a listing, so it is not negative; the
/// court still gives its decision reference.
/// </remarks>
internal static class RecordTypes
{
    /// <summary>Every type, in <see cref="TypeId"/> order.</summary>
    public static IReadOnlyList<CityRecordType> All { get; } =
    [
        new("late-credit-card-payment", Area.Commercial, Negative: true, HasQuantity: false),
        new("loan-contract-default", Area.Commercial, Negative: true, HasQuantity: false),
        new("breach-of-contract-judgment", Area.Judicial, Negative: true, HasQuantity: false),
        new("late-utility-fees", Area.Social, Negative: true, HasQuantity: false),
        new("utility-theft", Area.Administrative, Negative: true, HasQuantity: false),
        new("public-utility-damage", Area.Administrative, Negative: true, HasQuantity: false),
        new("fare-evasion", Area.Administrative, Negative: true, HasQuantity: false),
        new("traffic-violation", Area.Administrative, Negative: true, HasQuantity: false),
        new("tax-evasion", Area.Administrative, Negative: true, HasQuantity: true),
        new("judgment-defaulter", Area.Judicial, Negative: true, HasQuantity: false),
        new("defaulter-term-extended", Area.Judicial, Negative: false, HasQuantity: false),
        new("judgment-performed", Area.Judicial, Negative: false, HasQuantity: false),
        new("utility-arrears-paid", Area.Social, Negative: false, HasQuantity: false),
        new("loan-repaid", Area.Commercial, Negative: false, HasQuantity: false),
        new("volunteering", Area.Social, Negative: false, HasQuantity: false),
        new("blood-donation", Area.Social, Negative: false, HasQuantity: false),
        new("charitable-donation", Area.Social, Negative: false, HasQuantity: true),
        new("heroic-act", Area.Social, Negative: false, HasQuantity: false),
        new("tax-arrears", Area.Administrative, Negative: true, HasQuantity: false),
        new("late-tax-filing", Area.Administrative, Negative: true, HasQuantity: false),
        new("product-quality-violation", Area.Administrative, Negative: true, HasQuantity: false),
        new("food-safety-violation", Area.Administrative, Negative: true, HasQuantity: false),
        new("environmental-penalty", Area.Administrative, Negative: true, HasQuantity: true),
        new("a-grade-taxpayer", Area.Administrative, Negative: false, HasQuantity: false),
        new("tax-paid", Area.Administrative, Negative: false, HasQuantity: false),
        new("rectification-completed", Area.Administrative, Negative: false, HasQuantity: false),
    ];

    /// <summary>The type with the given compact id.</summary>
    public static CityRecordType Get(TypeId id) => All[(int)id];
}
