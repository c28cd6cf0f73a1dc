using Credence.Registry.Access;
using Credence.Registry.Decisions;

namespace Credence.Registry.Tests;

/// <summary>
/// A decision given a held file (the subject grain's) answers from it only when the store's writer finds the
/// subject's file unchanged since the unit that read it; after any change (intake, a dispute, a repair) or from
/// a file read outside a writer's unit, it reads the file again inside its own unit, and answers exactly as a
/// decision without a held file would.
/// </summary>
public sealed class HeldFileDecisionTests
{
    private const string Ticket = "rail.g-train.ticket";

    private static async Task<(TestRegistry T, Principal Court, Principal Rail)> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        return (t, await t.CourtAsync(), await t.RelyingPartyAsync("china-railway", "ticket sales under the SPC rules on high consumption", Ticket));
    }

    /// <summary>A city where Bob is a court defaulter, with Bob's own principal and a railway.</summary>
    private static async Task<(TestRegistry T, Principal Bob, Principal Rail)> DefaulterBobAsync()
    {
        var (t, court, rail) = await CityAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        return (t, await t.RoleAsync(Role.Subject, "bob", Ids.Bob), rail);
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_from_memory_and_the_answer_is_the_stores()
    {
        var (t, court, rail) = await CityAsync();
        await using var _ = t;
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));

        var (first, held) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, null);
        Assert.NotNull(held);
        Assert.NotNull(held.Facts);
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        await t.Registry.Decisions.DecideAsync(rail, Ids.Alice, Ticket);
        var (second, next) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, held);
        var plain = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket)).GetValueOrThrow();

        // The same file object: nothing was read again.
        Assert.Same(held, next);
        Assert.False(first.GetValueOrThrow().Allowed);
        Assert.Equal(Reasons(plain), Reasons(second.GetValueOrThrow()));
        Assert.Equal(3, (await t.Registry.Store.ReadAsync(r => r.SubjectDecisions(Ids.Bob, 10))).Count);
    }

    [Fact]
    public async Task A_record_taken_in_after_the_file_was_read_is_never_missed()
    {
        var (t, court, rail) = await CityAsync();
        await using var _ = t;
        var (allowed, held) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, null);
        Assert.True(allowed.GetValueOrThrow().Allowed);

        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        var (denied, next) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, held);

        Assert.False(denied.GetValueOrThrow().Allowed);
        Assert.Equal("LISTED.court-defaulters", denied.Value!.Reasons[0].Code);
        Assert.NotSame(held, next);

        // Another subject's record leaves Bob's new file in use.
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "A-1"));
        var (_, again) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, next);
        Assert.Same(next, again);
    }

    [Fact]
    public async Task A_dispute_opened_after_the_file_was_read_is_never_missed()
    {
        var (t, bob, rail) = await DefaulterBobAsync();
        await using var _ = t;
        var (_, held) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, null);

        (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        var (decided, next) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, held);
        var plain = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket)).GetValueOrThrow();

        Assert.NotSame(held, next);
        Assert.Equal(Reasons(plain), Reasons(decided.GetValueOrThrow()));
        Assert.Equal(plain.Allowed, decided.Value!.Allowed);
    }

    [Fact]
    public async Task A_file_read_outside_a_writers_unit_is_read_again_by_a_decision_and_by_a_file_read()
    {
        var (t, bob, rail) = await DefaulterBobAsync();
        await using var _ = t;

        // A file read takes the records in the unit that logs it, so what it hands on carries the writer's stamp.
        var (_, fromRead) = await t.Registry.Subjects.ReadOwnAsync(bob, null);
        Assert.NotNull(fromRead);
        Assert.NotEqual(default, fromRead.Stamp);

        // The default stamp (a file read in a snapshot, where no writer stood) is never taken.
        var unstamped = fromRead with { Stamp = default };
        var (decided, next) = await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, Ticket, unstamped);
        Assert.False(decided.GetValueOrThrow().Allowed);
        Assert.NotSame(unstamped, next);
        Assert.NotEqual(default, next!.Stamp);
        var (read, again) = await t.Registry.Subjects.ReadOwnAsync(bob, unstamped);
        Assert.Single(read.GetValueOrThrow().Records);
        Assert.NotSame(unstamped, again);
        Assert.NotEqual(default, again!.Stamp);
    }

    private static string[] Reasons(Decision decision) => [.. decision.Reasons.Select(r => r.Code + ":" + string.Join(',', r.Records))];
}
