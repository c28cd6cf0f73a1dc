using Credence.Registry.Sharing;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Share codes (by the hash of their code).</summary>
internal sealed partial class SqliteSession
{
    private const string ShareColumns = "id, subject, relying_party, purpose, created_at, expires_at, revoked_at, uses, last_used_at";

    private const string InsertShareSql =
        "INSERT INTO shares (subject, code_hash, relying_party, purpose, created_at, expires_at) VALUES ($a, $b, $c, $d, $e, $f) RETURNING id";

    private const string FindShareSql = "SELECT " + ShareColumns + " FROM shares WHERE id = $a";

    private const string FindShareByCodeSql = "SELECT " + ShareColumns + " FROM shares WHERE code_hash = $a";

    private const string SubjectSharesSql = "SELECT " + ShareColumns + " FROM shares WHERE subject = $a ORDER BY id";

    private const string RevokeShareSql = "UPDATE shares SET revoked_at = $a WHERE id = $b AND revoked_at IS NULL";

    private const string ShareUsedSql = "UPDATE shares SET uses = uses + 1, last_used_at = $a WHERE id = $b";

    public long InsertShare(Share share, byte[] codeHash) =>
        Scalar(InsertShareSql, share.Subject, codeHash, share.RelyingParty, share.Purpose, share.CreatedAt.UtcTicks, share.ExpiresAt.UtcTicks);

    public Share? FindShare(long id) => Row(ReadShare, FindShareSql, id);

    public Share? FindShareByCode(byte[] codeHash) => Row(ReadShare, FindShareByCodeSql, codeHash);

    public IReadOnlyList<Share> SubjectShares(string subject) => Rows(ReadShare, SubjectSharesSql, subject);

    public bool RevokeShare(long id, DateTimeOffset at) => NonQuery(RevokeShareSql, at.UtcTicks, id) == 1;

    public void ShareUsed(long id, DateTimeOffset at) => NonQuery(ShareUsedSql, at.UtcTicks, id);

    private static Share ReadShare(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), MaybeText(r, 2), MaybeText(r, 3), Instant(r, 4), Instant(r, 5), MaybeInstant(r, 6), r.GetInt64(7), MaybeInstant(r, 8));
}
