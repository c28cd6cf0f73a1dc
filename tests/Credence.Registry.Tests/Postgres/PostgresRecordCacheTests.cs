using System.Text;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Storage.Postgres;

namespace Credence.Registry.Tests.Postgres;

/// <summary>
/// The PostgreSQL writer's record cache is bounded by two generations, and whatever it holds, in either
/// generation, is forgotten when another process's ledger entries name it; a subject the cache dropped
/// and read again is named again.
/// </summary>
public class PostgresRecordCacheTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void A_subject_kept_before_the_generation_turned_over_is_still_found()
    {
        var cache = new PostgresRecordCache(capacity: 3, Commit);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1"), Version(Ids.Alice, "A-2")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1"), Version(Ids.Bob, "B-2")]);

        Assert.Equal(["A-1", "A-2"], cache.Find(Ids.Alice)!.Select(r => r.Key.SourceRecordId));
        Assert.Equal(["B-1", "B-2"], cache.Find(Ids.Bob)!.Select(r => r.Key.SourceRecordId));
        Assert.Null(cache.Find(Ids.Carol));
    }

    [Fact]
    public void Another_process_writing_a_subject_of_either_generation_makes_it_forgotten()
    {
        var cache = new PostgresRecordCache(capacity: 2, Commit);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1"), Version(Ids.Alice, "A-2")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1")]);

        // Alice is in the previous generation, Bob in the current one.
        cache.Forget([Commit(Ids.Alice), Commit(Ids.Bob)]);

        Assert.Null(cache.Find(Ids.Alice));
        Assert.Null(cache.Find(Ids.Bob));
    }

    [Fact]
    public void A_subject_kept_again_across_a_turnover_is_held_once_and_forgotten_once()
    {
        var cache = new PostgresRecordCache(capacity: 2, Commit);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1")]);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1"), Version(Ids.Alice, "A-2")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1"), Version(Ids.Bob, "B-2")]);
        cache.Keep(Ids.Carol, [Version(Ids.Carol, "C-1"), Version(Ids.Carol, "C-2")]);

        // Two turnovers: Alice's generation is gone, and with it what named her.
        Assert.Null(cache.Find(Ids.Alice));
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1"), Version(Ids.Alice, "A-2"), Version(Ids.Alice, "A-3")]);
        cache.Forget([Commit(Ids.Alice)]);

        Assert.Null(cache.Find(Ids.Alice));
        Assert.Equal(["C-1", "C-2"], cache.Find(Ids.Carol)!.Select(r => r.Key.SourceRecordId));
    }

    [Fact]
    public void A_version_inserted_for_a_subject_of_the_previous_generation_is_in_its_next_copy_and_it_stays_named()
    {
        var cache = new PostgresRecordCache(capacity: 2, Commit);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1"), Version(Ids.Bob, "B-2")]);
        cache.Added(Version(Ids.Alice, "A-2"));
        cache.Added(Version(Ids.Carol, "C-1"));

        Assert.Equal(["A-1", "A-2"], cache.Find(Ids.Alice)!.Select(r => r.Key.SourceRecordId));
        Assert.Null(cache.Find(Ids.Carol));
        cache.Forget([Commit(Ids.Alice)]);
        Assert.Null(cache.Find(Ids.Alice));
    }

    /// <summary>Any function of the subject serves: the cache only matches what it was given.</summary>
    private static byte[] Commit(string subject) => Encoding.UTF8.GetBytes("commitment:" + subject);

    private static Record Version(string subject, string id) =>
        new(new RecordKey("court", id), 1, RecordAction.Submitted, SubjectIdentifiers.Parse(subject, Today), "judgment-defaulter", Area.Judicial,
            new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), null, null, null);
}
