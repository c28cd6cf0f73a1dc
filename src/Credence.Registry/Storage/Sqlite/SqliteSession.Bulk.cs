using Credence.Core.Records;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>The set-based intake seam, on the embedded store.</summary>
/// <remarks>
/// Implementation note: SQLite runs in this process, so a "round trip" is a function call: the bulk
/// methods are the prepared single-row statements in a loop (the same statements, the same cost per
/// row as before), and the read-ahead hint is ignored, since the writer's record cache already keeps
/// the records of subjects it re-scores and every other read is an indexed probe of a local file.
/// </remarks>
internal sealed partial class SqliteSession
{
    public IReadOnlyDictionary<RecordVersionKey, StoredVersion> FindRecordVersions(IReadOnlyCollection<RecordVersionKey> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var found = new Dictionary<RecordVersionKey, StoredVersion>(versions.Count);
        foreach (var v in versions)
        {
            if (!found.ContainsKey(v) && FindRecordVersion(v.Key, v.Version) is { } stored)
            {
                found.Add(v, stored);
            }
        }

        return found;
    }

    public bool[] TryInsertRecords(IReadOnlyList<Record> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var inserted = new bool[records.Count];
        for (var i = 0; i < inserted.Length; i++)
        {
            inserted[i] = TryInsertRecord(records[i]);
        }

        return inserted;
    }

    public void ReadAhead(IReadOnlyCollection<Core.Identifiers.SubjectId> subjects)
    {
    }
}
