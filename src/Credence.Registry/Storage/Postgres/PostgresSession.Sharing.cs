using Credence.Registry.Consent;
using Credence.Registry.Sharing;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Share codes (by the hash of their code) and consent history.</summary>
internal sealed partial class PostgresSession
{
    private const string ShareColumns = "id, subject, relying_party, purpose, created_at, expires_at, revoked_at, uses, last_used_at";

    private const string InsertShareSql =
        "INSERT INTO shares (subject, code_hash, relying_party, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

    private const string FindShareSql = "SELECT " + ShareColumns + " FROM shares WHERE id = $1";

    private const string FindShareByCodeSql = "SELECT " + ShareColumns + " FROM shares WHERE code_hash = $1";

    private const string SubjectSharesSql = "SELECT " + ShareColumns + " FROM shares WHERE subject = $1 ORDER BY id";

    private const string RevokeShareSql = "UPDATE shares SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";

    private const string ShareUsedSql = "UPDATE shares SET uses = uses + 1, last_used_at = $1 WHERE id = $2";

    private const string ConsentAtSql = "SELECT given FROM consents WHERE subject = $1 AND at <= $2 ORDER BY at DESC, id DESC LIMIT 1";

    private const string ConsentHistorySql = "SELECT id, subject, given, at, by FROM consents WHERE subject = $1 ORDER BY at, id";

    private const string InsertConsentSql = "INSERT INTO consents (subject, given, at, by) VALUES ($1, $2, $3, $4) RETURNING id";

    public long InsertShare(Share share, byte[] codeHash) =>
        Scalar(InsertShareSql, share.Subject, codeHash, Text(share.RelyingParty), Text(share.Purpose), share.CreatedAt.UtcTicks, share.ExpiresAt.UtcTicks);

    public Share? FindShare(long id) => Row(ReadShare, FindShareSql, id);

    public Share? FindShareByCode(byte[] codeHash) => Row(ReadShare, FindShareByCodeSql, codeHash);

    public IReadOnlyList<Share> SubjectShares(string subject) => Rows(ReadShare, SubjectSharesSql, subject);

    public bool RevokeShare(long id, DateTimeOffset at) => NonQuery(RevokeShareSql, at.UtcTicks, id) == 1;

    public void ShareUsed(long id, DateTimeOffset at) => NonQuery(ShareUsedSql, at.UtcTicks, id);

    public bool ConsentAt(string subject, DateTimeOffset at) =>
        ahead is { } a && a.Consents.TryGetValue(subject, out var known) ? PostgresReadAhead.ConsentAt(known, at.UtcTicks) : Rows(r => r.GetBoolean(0), ConsentAtSql, subject, at.UtcTicks) is [true];

    public IReadOnlyList<ConsentChange> ConsentHistory(string subject) =>
        Rows(r => new ConsentChange(r.GetInt64(0), r.GetString(1), r.GetBoolean(2), Instant(r, 3), r.GetString(4)), ConsentHistorySql, subject);

    public long InsertConsent(ConsentChange change)
    {
        ahead?.Consents.Remove(change.Subject);
        return Scalar(InsertConsentSql, change.Subject, change.Given, change.At.UtcTicks, change.By);
    }

    private static Share ReadShare(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), MaybeText(r, 2), MaybeText(r, 3), Instant(r, 4), Instant(r, 5), MaybeInstant(r, 6), r.GetInt64(7), MaybeInstant(r, 8));
}
