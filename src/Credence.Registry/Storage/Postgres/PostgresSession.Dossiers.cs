using Credence.Core.Identifiers;
using Credence.Registry.Consent;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>The dossiers of a run of subjects: one range query per table, sent as one batch.</summary>
/// <remarks>
/// Implementation note: the planner chooses between the subject indexes and a pass over the table
/// from its statistics, which autovacuum keeps; every subject column is <c>COLLATE "C"</c>, so the
/// range is the ordinal one <see cref="IRegistryReader.Dossiers"/> asks for. Rows are read
/// whatever is remembered by the writer: a range read in its transaction sees its own writes.
/// </remarks>
internal sealed partial class PostgresSession
{
    private const string RangeRecordsSql =
        "SELECT source, source_record_id, version, action, type, area, occurred_at, reported_at, legal_basis, quantity, note, subject FROM records WHERE subject >= $1 AND subject <= $2";

    private const string RangeDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE subject >= $1 AND subject <= $2 ORDER BY subject, opened_at, id COLLATE \"C\"";

    private const string RangeRepairsSql = "SELECT " + RepairColumns + " FROM repairs WHERE subject >= $1 AND subject <= $2 ORDER BY subject, applied_at, id COLLATE \"C\"";

    private const string RangeDecisionsSql = "SELECT " + DecisionColumns + " FROM decisions WHERE subject >= $1 AND subject <= $2 ORDER BY subject, decided_at DESC, id DESC";

    private const string RangeConsentsSql = "SELECT id, subject, given, at, by FROM consents WHERE subject >= $1 AND subject <= $2 ORDER BY subject, at, id";

    public IReadOnlyList<SubjectDossier> Dossiers(IReadOnlyList<SubjectId> subjects, int decisionsEach)
    {
        var run = new DossierRun(subjects, decisionsEach);
        if (run.IsEmpty)
        {
            return [];
        }

        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var sql in new[] { RangeRecordsSql, RangeDisputesSql, RangeRepairsSql, RangeDecisionsSql, RangeConsentsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Parameter(run.From));
            command.Parameters.Add(Parameter(run.To));
            batch.BatchCommands.Add(command);
        }

        using var reader = batch.ExecuteReader();
        while (reader.Read())
        {
            if (run.PositionOf(reader.GetString(11)) is >= 0 and var i)
            {
                run.AddRecord(i, ReadSubjectRecord(reader, run.SubjectAt(i)));
            }
        }

        reader.NextResult();
        while (reader.Read())
        {
            run.Add(ReadDispute(reader));
        }

        reader.NextResult();
        while (reader.Read())
        {
            run.Add(ReadRepair(reader));
        }

        reader.NextResult();
        while (reader.Read())
        {
            run.Add(ReadDecision(reader));
        }

        reader.NextResult();
        while (reader.Read())
        {
            run.Add(new ConsentChange(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), Instant(reader, 3), reader.GetString(4)));
        }

        return run.Build();
    }
}
