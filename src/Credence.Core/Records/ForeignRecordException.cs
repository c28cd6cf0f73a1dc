using Credence.Core.Identifiers;

namespace Credence.Core.Records;

/// <summary>Thrown when a record about one subject is offered for another subject's file (promise 1).</summary>
public sealed class ForeignRecordException : ArgumentException
{
    public ForeignRecordException(SubjectId subject, Record record)
        : base($"own-records-only: record {record.Key} is about {record.Subject}, not {subject}; only a subject's own records count")
    {
        Subject = subject;
        Record = record;
    }

    /// <summary>The subject whose file was being built.</summary>
    public SubjectId Subject { get; }

    /// <summary>The record that belongs to someone else.</summary>
    public Record Record { get; }
}
