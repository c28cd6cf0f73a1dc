using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Tests;

/// <summary>
/// The writer's record cache is bounded by two generations: a subject used again after the current
/// one filled up is still in memory, and a version inserted meanwhile reaches whichever copy it holds.
/// </summary>
public class RecordCacheGenerationTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void A_subject_kept_before_the_generation_turned_over_is_still_found_and_moves_back()
    {
        var cache = new RecordCache(capacity: 3);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1"), Version(Ids.Alice, "A-2")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1"), Version(Ids.Bob, "B-2")]);

        // Bob's versions did not fit beside Alice's: the generation turned over, and Alice is in the previous one.
        Assert.Equal(["A-1", "A-2"], cache.Find(Ids.Alice)!.Select(r => r.Key.SourceRecordId));
        Assert.Equal(["B-1", "B-2"], cache.Find(Ids.Bob)!.Select(r => r.Key.SourceRecordId));
        Assert.Null(cache.Find(Ids.Carol));
    }

    [Fact]
    public void A_version_inserted_for_a_subject_of_the_previous_generation_is_in_its_next_copy()
    {
        var cache = new RecordCache(capacity: 2);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1")]);
        cache.Keep(Ids.Bob, [Version(Ids.Bob, "B-1"), Version(Ids.Bob, "B-2")]);
        cache.Added(Version(Ids.Alice, "A-2"));
        cache.Added(Version(Ids.Carol, "C-1"));

        Assert.Equal(["A-1", "A-2"], cache.Find(Ids.Alice)!.Select(r => r.Key.SourceRecordId));
        Assert.Null(cache.Find(Ids.Carol));
    }

    [Fact]
    public void Two_turnovers_forget_the_oldest_generation_and_never_hold_more_than_twice_the_capacity()
    {
        var cache = new RecordCache(capacity: 2);
        var subjects = new[] { Ids.Alice, Ids.Bob, Ids.Carol };
        foreach (var subject in subjects)
        {
            cache.Keep(subject, [Version(subject, "1"), Version(subject, "2")]);
            Assert.True(cache.Count <= 2);
        }

        Assert.Null(cache.Find(Ids.Alice));
        Assert.NotNull(cache.Find(Ids.Bob));
        Assert.NotNull(cache.Find(Ids.Carol));
    }

    [Fact]
    public void A_copy_handed_out_does_not_change_the_cache()
    {
        var cache = new RecordCache(capacity: 10);
        cache.Keep(Ids.Alice, [Version(Ids.Alice, "A-1")]);
        cache.Find(Ids.Alice)!.Clear();
        Assert.Single(cache.Find(Ids.Alice)!);
    }

    private static Record Version(string subject, string id) =>
        new(new RecordKey("court", id), 1, RecordAction.Submitted, SubjectIdentifiers.Parse(subject, Today), "judgment-defaulter", Area.Judicial,
            new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), null, null, null);
}
