using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.DueProcess;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>What a subject's file is built from, in one round trip.</summary>
internal sealed partial class PostgresSession
{
    /// <summary>The subject's record versions, disputes and granted repairs: the three queries of <see cref="SubjectRecords"/>, <see cref="SubjectDisputes"/> and <see cref="GrantedRepairs"/> sent as one batch.</summary>
    /// <remarks>
    /// Implementation note: the writer reads these for every decision and every re-scored subject, one
    /// unit after another, so each round trip it waits on is paid by every unit queued behind it. One
    /// batch in the same transaction returns exactly what the three statements would.
    /// </remarks>
    public SubjectCaseRows SubjectCase(SubjectId subject)
    {
        // What intake read ahead, or the writer remembers, is answered from memory by the three reads.
        if (ahead is not null || RecordCache?.Find(subject.Value) is not null)
        {
            return new(SubjectRecords(subject), SubjectDisputes(subject.Value), GrantedRepairs(subject.Value));
        }

        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var sql in new[] { SubjectRecordsSql, SubjectDisputesSql, GrantedRepairsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Parameter(subject.Value));
            batch.BatchCommands.Add(command);
        }

        using var reader = batch.ExecuteReader();
        var records = new List<Record>();
        while (reader.Read())
        {
            records.Add(ReadSubjectRecord(reader, subject));
        }

        reader.NextResult();
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

        RecordFileOrder.Sort(records);
        RecordCache?.Keep(subject.Value, records);
        return new(records, disputes, repairs);
    }
}
