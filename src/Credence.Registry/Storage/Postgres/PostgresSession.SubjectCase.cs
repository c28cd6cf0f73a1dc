using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.DueProcess;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>What a subject's file is built from, in one round trip.</summary>
internal sealed partial class PostgresSession
{
    /// <summary>Whether what the session read ahead holds <paramref name="subject"/>'s file (see <see cref="PostgresWriter"/>'s reading ahead for decisions).</summary>
    public bool ReadsAhead(string subject) => ahead is { } a && a.Records.ContainsKey(subject);

    /// <summary>The subject's record versions, disputes and granted repairs: the three queries of <see cref="SubjectRecords"/>, <see cref="SubjectDisputes"/> and <see cref="GrantedRepairs"/> sent as one batch.</summary>
    /// <remarks>
    /// Implementation note: the writer reads these for every decision and every re-scored subject, one
    /// unit after another, so each round trip it waits on is paid by every unit queued behind it. One
    /// batch in the same transaction returns exactly what the three statements would.
    /// </remarks>
    public SubjectCaseRows SubjectCase(SubjectId subject)
    {
        // What intake read ahead is answered from memory by the three reads.
        if (ahead is not null)
        {
            return new(SubjectRecords(subject), SubjectDisputes(subject.Value), GrantedRepairs(subject.Value));
        }

        // Records the writer remembers are not asked for again; the disputes and repairs still are,
        // both in one round trip (they were two, which made a remembered subject dearer than a new one).
        var cached = RecordCache?.Find(subject.Value);
        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var sql in cached is null ? new[] { SubjectRecordsSql, SubjectDisputesSql, GrantedRepairsSql } : [SubjectDisputesSql, GrantedRepairsSql])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Parameter(subject.Value));
            batch.BatchCommands.Add(command);
        }

        using var reader = batch.ExecuteReader();
        var records = cached;
        if (records is null)
        {
            records = [];
            while (reader.Read())
            {
                records.Add(ReadSubjectRecord(reader, subject));
            }

            reader.NextResult();
        }

        var disputes = new List<StoredDispute>();
        while (reader.Read())
        {
            disputes.Add(ReadDispute(reader));
        }

        reader.NextResult();
        var repairs = new List<RecordRepair>();
        while (reader.Read())
        {
            repairs.Add(ReadGrantedRepair(reader));
        }

        if (cached is null)
        {
            // Remembered versions are kept in the file's order already; read ones are put in it.
            RecordFileOrder.Sort(records);
            RecordCache?.Keep(subject.Value, records);
        }

        return new(records, disputes, repairs);
    }
}
