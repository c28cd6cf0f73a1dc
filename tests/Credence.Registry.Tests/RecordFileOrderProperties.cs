using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Storage.Postgres;
using Credence.Registry.Storage.Sqlite;
using FsCheck.Xunit;

namespace Credence.Registry.Tests;

/// <summary>
/// Both stores' record caches keep a subject's versions in the subject file's own order, whatever
/// order they were read and inserted in, so the file built from them is taken as it is; and it is the
/// same file as one built from the versions in the order they arrived.
/// </summary>
public class RecordFileOrderProperties
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly string[] Sources = ["court", "Court", "tax", "bank-é", "法院"];

    [Property(MaxTest = 300)]
    public bool The_sqlite_cache_holds_a_subjects_versions_in_file_order((byte Source, byte Id, byte Versions)[] spec, int split)
    {
        var (kept, added) = Arrivals(spec, split);
        var cache = new RecordCache(capacity: 10_000);
        cache.Keep(Ids.Alice, kept);
        foreach (var r in added)
        {
            cache.Added(r);
        }

        return InFileOrder(cache.Find(Ids.Alice)!, kept.Concat(added));
    }

    [Property(MaxTest = 300)]
    public bool The_postgres_cache_holds_a_subjects_versions_in_file_order((byte Source, byte Id, byte Versions)[] spec, int split)
    {
        var (kept, added) = Arrivals(spec, split);
        var cache = new PostgresRecordCache(capacity: 10_000, commit: subject => Credence.Registry.Ledger.EntryContent.Commit([], subject));
        cache.Keep(Ids.Alice, kept);
        foreach (var r in added)
        {
            cache.Added(r);
        }

        return InFileOrder(cache.Find(Ids.Alice)!, kept.Concat(added));
    }

    /// <summary>The list is in file order already, holds exactly the arrivals, and makes the same file as they do.</summary>
    private static bool InFileOrder(List<Record> held, IEnumerable<Record> arrived)
    {
        var all = arrived.ToList();
        for (var i = 1; i < held.Count; i++)
        {
            if (SubjectFile.FileOrder(held[i - 1], held[i]) >= 0)
            {
                return false;
            }
        }

        var fromHeld = SubjectFile.Create(held[0].Subject, held).Versions;
        var fromArrivals = SubjectFile.Create(all[0].Subject, all).Versions;
        return held.Count == all.Count && fromHeld.SequenceEqual(fromArrivals) && fromHeld.SequenceEqual(held);
    }

    /// <summary>
    /// Records (1 to 3 versions each) arriving in a shuffled order that keeps each record's versions
    /// in turn (as intake must); the first <paramref name="split"/> are what was read, the rest inserted later.
    /// </summary>
    private static (List<Record> Kept, List<Record> Added) Arrivals((byte Source, byte Id, byte Versions)[] spec, int split)
    {
        var keys = spec.Select(s => (Source: Sources[s.Source % Sources.Length], Id: $"R-{s.Id % 40}", Versions: 1 + (s.Versions % 3)))
            .DistinctBy(k => (k.Source, k.Id)).ToList();
        if (keys.Count == 0)
        {
            keys.Add(("court", "R-0", 1));
        }

        var random = new Random(split);
        var next = keys.ToDictionary(k => (k.Source, k.Id), _ => 1);
        var order = new List<Record>();
        while (next.Count > 0)
        {
            var pick = next.Keys.ElementAt(random.Next(next.Count));
            var key = keys.First(k => (k.Source, k.Id) == pick);
            var version = next[pick];
            order.Add(Version(key.Source, key.Id, version));
            if (version == key.Versions)
            {
                next.Remove(pick);
            }
            else
            {
                next[pick] = version + 1;
            }
        }

        var at = Math.Abs(split % (order.Count + 1));
        return ([.. order.Take(at)], [.. order.Skip(at)]);
    }

    private static Record Version(string source, string id, int version) =>
        new(new RecordKey(source, id), version, version == 1 ? RecordAction.Submitted : RecordAction.Corrected, SubjectIdentifiers.Parse(Ids.Alice, Today),
            "judgment-defaulter", Area.Judicial, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), null, null, null);
}
