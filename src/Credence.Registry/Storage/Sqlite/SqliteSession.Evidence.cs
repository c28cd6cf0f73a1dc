using Credence.Registry.DueProcess.Evidence;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Disputes' evidence files (schema version 11).</summary>
internal sealed partial class SqliteSession
{
    private const string EvidenceColumns = "dispute_id, number, name, media_type, size, sha256, added_at, added_by";

    private const string InsertEvidenceSql = "INSERT INTO dispute_evidence (" + EvidenceColumns + ", content) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)";

    private const string DisputeEvidenceSql = "SELECT " + EvidenceColumns + " FROM dispute_evidence WHERE dispute_id = $a ORDER BY number";

    private const string EvidenceContentSql = "SELECT content FROM dispute_evidence WHERE dispute_id = $a AND number = $b";

    public void InsertEvidence(StoredEvidence e, ReadOnlyMemory<byte> content) =>
        NonQuery(InsertEvidenceSql, e.DisputeId, (long)e.Number, e.Name, e.MediaType, e.Size, e.Sha256, e.AddedAt.UtcTicks, e.AddedBy, content.ToArray());

    public IReadOnlyList<StoredEvidence> DisputeEvidence(string disputeId) => Rows(ReadEvidence, DisputeEvidenceSql, disputeId);

    public byte[]? EvidenceContent(string disputeId, int number) => Row(r => (byte[])r.GetValue(0), EvidenceContentSql, disputeId, (long)number);

    private static StoredEvidence ReadEvidence(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), Instant(r, 6), r.GetString(7));
}
