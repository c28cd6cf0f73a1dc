using Credence.Core.Intake;

namespace Credence.Storage.Tests.Fixture;

/// <summary>Record lines as sources send them, for the sample policies.</summary>
internal static class Lines
{
    public static RecordLine Defaulter(string subject, string id, string occurred = "2026-05-01T00:00:00Z") =>
        new(subject, "judgment-defaulter", "judicial", occurred, null, null, id, "(2026) Enforcement No. " + id, null, null, null, null);

    public static RecordLine Performed(string subject, string id, string occurred = "2026-05-20T00:00:00Z") =>
        new(subject, "judgment-performed", "judicial", occurred, null, null, id, "Performance confirmed " + id, null, null, null, null);

    public static RecordLine Breach(string subject, string id, string occurred = "2026-04-10T00:00:00Z") =>
        new(subject, "breach-of-contract-judgment", "judicial", occurred, null, null, id, "(2026) Civil Judgment No. " + id, null, null, null, null);

    public static RecordLine Volunteering(string subject, string id, string occurred = "2026-04-01T00:00:00Z") =>
        new(subject, "volunteering", "social", occurred, null, null, id, null, null, null, null, null);

    public static RecordLine Withdrawal(RecordLine line, int version = 2, string note = "entered in error") =>
        line with { Version = version, Action = "withdrawn", Note = note };
}
