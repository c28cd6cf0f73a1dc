using Credence.Registry.DueProcess.Evidence;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Disputes' evidence files (schema version 6).</summary>
internal sealed partial class PostgresSession
{
    private const string EvidenceColumns = "dispute_id, number, name, media_type, size, sha256, added_at, added_by";

    private const string InsertEvidenceSql = "INSERT INTO dispute_evidence (" + EvidenceColumns + ", content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string DisputeEvidenceSql = "SELECT " + EvidenceColumns + " FROM dispute_evidence WHERE dispute_id = $1 ORDER BY number";

    private const string EvidenceContentSql = "SELECT content FROM dispute_evidence WHERE dispute_id = $1 AND number = $2";

    public void InsertEvidence(StoredEvidence e, ReadOnlyMemory<byte> content) =>
        NonQuery(InsertEvidenceSql, e.DisputeId, e.Number, e.Name, e.MediaType, e.Size, e.Sha256, e.AddedAt.UtcTicks, e.AddedBy, content.ToArray());

    public IReadOnlyList<StoredEvidence> DisputeEvidence(string disputeId) => Rows(ReadEvidence, DisputeEvidenceSql, disputeId);

    public byte[]? EvidenceContent(string disputeId, int number) => Row(r => r.GetFieldValue<byte[]>(0), EvidenceContentSql, disputeId, number);

    private static StoredEvidence ReadEvidence(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), Instant(r, 6), r.GetString(7));
}
