using Credence.Core.Intake;

namespace Credence.Registry.Tests;

/// <summary>Record lines as sources send them, for the sample policies.</summary>
internal static class Lines
{
    public static RecordLine Defaulter(string subject, string id, string occurred = "2026-05-01T00:00:00Z") =>
        new(subject, "judgment-defaulter", "judicial", occurred, null, null, id, "(2026) Enforcement No. " + id, null, null, null, null);

    public static RecordLine Performed(string subject, string id, string occurred = "2026-05-20T00:00:00Z") =>
        new(subject, "judgment-performed", "judicial", occurred, null, null, id, "Performance confirmed " + id, null, null, null, null);

    public static RecordLine LateCard(string subject, string id, string occurred = "2026-04-01T00:00:00Z") =>
        new(subject, "late-credit-card-payment", "commercial", occurred, null, null, id, "Card agreement " + id, null, null, null, null);

    public static RecordLine Volunteering(string subject, string id, string occurred = "2026-04-01T00:00:00Z") =>
        new(subject, "volunteering", "social", occurred, null, null, id, null, null, null, null, null);

    public static RecordLine TaxEvasion(string subject, string id, string occurred = "2026-04-01T00:00:00Z") =>
        new(subject, "tax-evasion", "administrative", occurred, null, null, id, "Tax decision " + id, null, null, null, null);

    public static RecordLine Withdrawal(RecordLine line, int version = 2, string note = "entered in error") =>
        line with { Version = version, Action = "withdrawn", Note = note };

    public static RecordLine Correction(RecordLine line, int version = 2) =>
        line with { Version = version, Action = "corrected" };
}
