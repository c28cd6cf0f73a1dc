using Credence.Core.Records;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// What the writer read ahead for the subjects a unit of work is about to re-score (see
/// <see cref="IRegistryWriter.ReadAhead"/>), kept in line with the unit's own writes and dropped when
/// the unit ends. A subject present in a map is known for that kind of row (an empty list: it has none).
/// </summary>
/// <remarks>
/// Implementation note: the writer's session is the only one writing in its transaction (the writers
/// take turns under an advisory lock), so the rows read ahead stay exact for as long as each write of
/// the same rows updates, or forgets, what is kept here: records are appended, states replaced,
/// open listings opened, updated or ended in place; a write this map cannot follow (a dispute, a
/// repair, a consent, a listing reopened) forgets the rows it may change, which are then read again.
/// </remarks>
internal sealed class PostgresReadAhead
{
    public Dictionary<string, List<Record>> Records { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SubjectState?> States { get; } = new(StringComparer.Ordinal);

    /// <summary>Each subject's open listings, in id order.</summary>
    public Dictionary<string, List<ListingRow>> OpenListings { get; } = new(StringComparer.Ordinal);

    /// <summary>The subject of each open listing known here, by listing id.</summary>
    public Dictionary<long, string> ListingSubjects { get; } = [];

    public Dictionary<string, List<StoredDispute>> Disputes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RecordRepair>> GrantedRepairs { get; } = new(StringComparer.Ordinal);

    /// <summary>Each subject's consent changes: given, at (ticks), id.</summary>
    public Dictionary<string, List<(bool Given, long At, long Id)>> Consents { get; } = new(StringComparer.Ordinal);

    /// <summary>A version was inserted: a subject known here gets it too, as it reads back (instants in UTC).</summary>
    public void RecordAdded(Record record)
    {
        if (Records.TryGetValue(record.Subject.Value, out var records))
        {
            RecordFileOrder.Insert(records, RecordGenerations.Utc(record));
        }
    }

    public void StateSaved(SubjectState state)
    {
        if (States.ContainsKey(state.Subject))
        {
            States[state.Subject] = state;
        }
    }

    /// <summary>A listing was opened with <paramref name="id"/> (the highest yet, so it goes last).</summary>
    public void ListingOpened(ListingRow listing, long id)
    {
        if (OpenListings.TryGetValue(listing.Subject, out var open))
        {
            open.Add(listing with { Id = id, EndedAt = null });
            ListingSubjects[id] = listing.Subject;
        }
    }

    /// <summary>Changes the open listing <paramref name="id"/> where it is known; a listing not known here is not open for a subject known here.</summary>
    public void ListingChanged(long id, Func<ListingRow, ListingRow?> change)
    {
        if (!ListingSubjects.TryGetValue(id, out var subject) || !OpenListings.TryGetValue(subject, out var open))
        {
            return;
        }

        var at = open.FindIndex(l => l.Id == id);
        if (at < 0)
        {
            return;
        }

        if (change(open[at]) is { } changed)
        {
            open[at] = changed;
        }
        else
        {
            open.RemoveAt(at);
            ListingSubjects.Remove(id);
        }
    }

    /// <summary>The consent in force at <paramref name="atTicks"/>: the latest change at or before it (ties: the later row).</summary>
    public static bool ConsentAt(List<(bool Given, long At, long Id)> changes, long atTicks)
    {
        (bool Given, long At, long Id)? latest = null;
        foreach (var c in changes)
        {
            if (c.At <= atTicks && (latest is not { } l || c.At > l.At || (c.At == l.At && c.Id > l.Id)))
            {
                latest = c;
            }
        }

        return latest is { Given: true };
    }
}
