using Credence.Registry.Consent;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Consent history.</summary>
internal sealed partial class SqliteSession
{
    private const string ConsentAtSql = "SELECT given FROM consents WHERE subject = $a AND at <= $b ORDER BY at DESC, id DESC LIMIT 1";

    private const string ConsentHistorySql = "SELECT id, subject, given, at, by FROM consents WHERE subject = $a ORDER BY at, id";

    private const string InsertConsentSql = "INSERT INTO consents (subject, given, at, by) VALUES ($a, $b, $c, $d) RETURNING id";

    public bool ConsentAt(string subject, DateTimeOffset at)
    {
        // One probe of consents_by_subject: this runs for every re-scored subject under a policy that needs consent.
        var s = Raw(ConsentAtSql).Bind(1, subject).Bind(2, at.UtcTicks);
        try
        {
            return s.Step() && s.Int64(0) != 0;
        }
        finally
        {
            s.Reset();
        }
    }

    public IReadOnlyList<ConsentChange> ConsentHistory(string subject) =>
        Rows(r => new ConsentChange(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0, Instant(r, 3), r.GetString(4)), ConsentHistorySql, subject);

    public long InsertConsent(ConsentChange change) =>
        Scalar(InsertConsentSql, change.Subject, change.Given ? 1L : 0L, change.At.UtcTicks, change.By);
}
