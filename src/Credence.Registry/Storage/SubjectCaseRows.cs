using Credence.Core.Records;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Storage;

/// <summary>What a subject's file is built from, read together: its record versions (oldest first), every dispute it opened, and its granted repairs.</summary>
public sealed record SubjectCaseRows(IReadOnlyList<Record> Records, IReadOnlyList<StoredDispute> Disputes, IReadOnlyList<RecordRepair> Repairs);
