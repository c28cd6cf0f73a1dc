using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Disclosure;

namespace Credence.Registry.Tests;

public class ConsentTests
{
    [Fact]
    public async Task The_consent_in_force_is_the_latest_change_at_or_before_the_instant()
    {
        await using var t = await TestRegistry.CreateAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var given = t.Clock.GetUtcNow();
        (await t.Registry.Consent.SetAsync(bob, true)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromDays(3));
        var withdrawn = t.Clock.GetUtcNow();
        (await t.Registry.Consent.SetAsync(bob, false)).GetValueOrThrow();

        Task<bool> At(DateTimeOffset at) => t.Registry.Store.ReadAsync(r => r.ConsentAt(Ids.Bob, at));
        Assert.False(await At(given.AddTicks(-1)));
        Assert.True(await At(given));
        Assert.True(await At(withdrawn.AddTicks(-1)));
        Assert.False(await At(withdrawn));
        Assert.False(await t.Registry.Store.ReadAsync(r => r.ConsentAt(Ids.Alice, withdrawn)));
        Assert.Equal([true, false], (await t.Registry.Store.ReadAsync(r => r.ConsentHistory(Ids.Bob))).Select(c => c.Given));
    }

    [Fact]
    public async Task A_batch_large_enough_to_score_in_parallel_reads_each_subjects_own_consent()
    {
        await using var t = await TestRegistry.CreateAsync();
        await t.ActivateAsync("sesame-persons.yaml");
        var charity = await t.SourceAsync("red-cross", "blood-donation");
        var subjects = Enumerable.Range(0, 80).Select(Ids.Person).ToList();
        for (var i = 0; i < subjects.Count; i += 2)
        {
            (await t.Registry.Consent.SetAsync(await t.RoleAsync(Role.Subject, "s" + i, subjects[i]), true)).GetValueOrThrow();
        }

        var lines = subjects.Select((s, i) => new Core.Intake.RecordLine(s, "blood-donation", "social", "2026-05-01T00:00:00Z", null, null, "B-" + i, null, null, null, null, null)).ToList();
        var batch = (await t.Registry.Intake.SubmitBatchAsync(charity, lines)).GetValueOrThrow();
        Assert.Equal(80, batch.Accepted);

        for (var i = 0; i < subjects.Count; i++)
        {
            var state = (await t.Registry.Store.ReadAsync(r => r.FindSubjectState(subjects[i])))!;
            Assert.Equal(i % 2 == 0 ? (ScoreStatus.Scored, 620) : (ScoreStatus.NoConsent, (int?)null), (state.Status, state.Score));
        }
    }

    [Fact]
    public async Task A_change_that_changes_nothing_is_logged_but_not_appended()
    {
        await using var t = await TestRegistry.CreateAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var view = (await t.Registry.Consent.SetAsync(bob, false)).GetValueOrThrow();
        Assert.False(view.Changed);
        Assert.Empty(view.History);
        var log = await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Bob, 10));
        Assert.Equal(ConsentService.WithdrawAction, log[0].Action);
        Assert.Contains("nothing changed", log[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disclosure_of_a_subject_the_registry_knows_nothing_about_is_empty_but_logged()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var carol = await t.RoleAsync(Role.Subject, "carol", Ids.Carol);
        var d = (await t.Registry.Disclosure.DownloadAsync(carol, "json")).GetValueOrThrow();
        Assert.Null(d.Assessment);
        Assert.Contains("no policy is active", d.Unassessed, StringComparison.Ordinal);
        Assert.Empty(d.Records);
        Assert.Empty(d.ScoreHistory);
        Assert.Equal(DisclosureService.DownloadAction, d.AccessLog[0].Action);
    }
}
