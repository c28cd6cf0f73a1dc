using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Credence.Core.Identifiers;

namespace Credence.Core.Records;

/// <summary>
/// Everything the scorer may look at for one subject: that subject's record versions, its open
/// disputes and its granted repairs. Nothing else reaches the scoring engine.
/// </summary>
/// <remarks>
/// Implementation note: promise 1 (only the subject's own records count) is enforced here, by
/// construction: a file refuses any record, dispute or repair that is not the subject's own, and
/// the scoring engine accepts nothing but a file. There is no parameter through which a relative's,
/// employer's or any other subject's record could reach a score.
/// </remarks>
public sealed class SubjectFile
{
    private SubjectFile(
        SubjectId subject,
        ImmutableArray<Record> versions,
        ImmutableArray<RecordDispute> disputes,
        ImmutableArray<RecordRepair> repairs)
    {
        Subject = subject;
        Versions = versions;
        Disputes = disputes;
        Repairs = repairs;
    }

    /// <summary>The subject this file is about.</summary>
    public SubjectId Subject { get; }

    /// <summary>Every version of every record, ordered by key then version.</summary>
    public ImmutableArray<Record> Versions { get; }

    /// <summary>Open disputes on this subject's records.</summary>
    public ImmutableArray<RecordDispute> Disputes { get; }

    /// <summary>Granted repairs on this subject's records.</summary>
    public ImmutableArray<RecordRepair> Repairs { get; }

    /// <summary>
    /// Builds a file. Throws <see cref="ForeignRecordException"/> if any record is about another
    /// subject, and <see cref="ArgumentException"/> if a record's version chain is broken or a
    /// dispute or repair names a record the file does not hold.
    /// </summary>
    public static SubjectFile Create(
        SubjectId subject,
        IEnumerable<Record> versions,
        IEnumerable<RecordDispute>? disputes = null,
        IEnumerable<RecordRepair>? repairs = null)
    {
        var ordered = Order(versions);
        for (var i = 0; i < ordered.Length; i++)
        {
            var r = ordered[i];
            if (r.Subject != subject)
            {
                throw new ForeignRecordException(subject, r);
            }

            var first = i == 0 || ordered[i - 1].Key != r.Key;
            var expected = first ? 1 : ordered[i - 1].Version + 1;
            if (r.Version != expected)
            {
                throw new ArgumentException($"record {r.Key}: version {r.Version} follows version {expected - 1}; versions must run 1, 2, 3, ...", nameof(versions));
            }

            if (first != (r.Action == RecordAction.Submitted))
            {
                throw new ArgumentException($"record {r.Key}: version {r.Version} is '{r.Action}'; only version 1 is a submission", nameof(versions));
            }

            if (!first && ordered[i - 1].Action == RecordAction.Withdrawn)
            {
                throw new ArgumentException($"record {r.Key}: version {r.Version} follows a withdrawal", nameof(versions));
            }
        }

        var d = disputes is null ? [] : disputes.ToImmutableArray();
        var p = repairs is null ? [] : repairs.ToImmutableArray();
        if (d.Length + p.Length > 0)
        {
            var keys = new HashSet<RecordKey>(ordered.Select(r => r.Key));
            foreach (var key in d.Select(x => x.Record).Concat(p.Select(x => x.Record)))
            {
                if (!keys.Contains(key))
                {
                    throw new ArgumentException($"record {key} is not in the file of {subject}", nameof(disputes));
                }
            }
        }

        return new SubjectFile(subject, ordered, d, p);
    }

    /// <summary>The versions ordered by source, source record id and version; equal ones keep their order.</summary>
    /// <remarks>
    /// Implementation note: every re-scoring builds a file, so this sorts an index array with one
    /// comparison (ties broken by position, which makes it stable like the ordering it replaces)
    /// rather than through a chain of LINQ orderings.
    /// </remarks>
    private static ImmutableArray<Record> Order(IEnumerable<Record> versions)
    {
        var items = versions.ToArray();
        var sorted = true;
        for (var i = 1; i < items.Length && sorted; i++)
        {
            sorted = Compare(items[i - 1], items[i]) <= 0;
        }

        if (!sorted)
        {
            var index = new int[items.Length];
            for (var i = 0; i < index.Length; i++)
            {
                index[i] = i;
            }

            Array.Sort(index, (a, b) =>
            {
                var c = Compare(items[a], items[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var copy = new Record[items.Length];
            for (var i = 0; i < index.Length; i++)
            {
                copy[i] = items[index[i]];
            }

            items = copy;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    /// <summary>
    /// The order of <see cref="Versions"/>: source, source record id (both ordinal), then version. A
    /// list already in this order is taken as it is, without sorting (stores keep their memory of a
    /// subject's versions in it for that reason).
    /// </summary>
    public static int FileOrder(Record x, Record y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compare(x, y);
    }

    private static int Compare(Record x, Record y)
    {
        var c = string.CompareOrdinal(x.Key.Source, y.Key.Source);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Key.SourceRecordId, y.Key.SourceRecordId);
        }

        return c != 0 ? c : x.Version.CompareTo(y.Version);
    }

    /// <summary>The newest version of each record known at <paramref name="asOf"/>, withdrawals included.</summary>
    public IEnumerable<Record> LatestKnownAt(DateTimeOffset asOf)
    {
        Record? latest = null;
        foreach (var r in Versions)
        {
            if (latest is not null && latest.Key != r.Key)
            {
                yield return latest;
                latest = null;
            }

            if (r.ReportedAt <= asOf)
            {
                latest = r;
            }
        }

        if (latest is not null)
        {
            yield return latest;
        }
    }
}
