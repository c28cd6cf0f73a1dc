using System.Globalization;
using Credence.Core.Intake;
using Credence.Registry.Access;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.Registry.Tests.State;

/// <summary>
/// Units of work on one subject (its records, a withdrawal, a performance, a charity's batch that
/// mentions it, a decision about it, its dispute of a record, a scheduler run) take their instants and are queued in every
/// order: after each one is durable, the subject's stored state is a fresh assessment at its own
/// instant that counts every record stored, no listing ends before it starts, and the list notices
/// never contradict the one before.
/// </summary>
public sealed class InterleavingProperties
{
    private const int Kinds = 9;

    /// <summary>One unit of work on the subject, by its number in the scenario.</summary>
    internal enum Unit
    {
        Defaulter,
        WithdrawDefaulter,
        Performed,
        LateCard,
        CharityBatch,
        Decision,
        Scheduler,
        WithdrawFirst,
        Dispute,
    }

    [Property(MaxTest = 40)]
    public Property Stored_state_is_a_fresh_assessment_after_every_unit_in_every_order() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, int.MaxValue)
             from count in Gen.Choose(2, 6)
             from termEndsAfter in Gen.Choose(1, 14)
             select Scenario.From(seed, count, termEndsAfter)).ToArbitrary(),
            scenario =>
            {
                var problems = RunAsync(scenario).GetAwaiter().GetResult();
                return (problems.Count == 0).Label($"{scenario}: {string.Join("; ", problems)}");
            });

    /// <summary>The example of the issue, every way round: a court's record arrives while a charity's batch is checked.</summary>
    [Theory]
    [InlineData("CharityBatch Defaulter +Defaulter", 1)]
    [InlineData("Defaulter CharityBatch +CharityBatch", 1)]
    [InlineData("Performed Defaulter +Defaulter", 9)]
    [InlineData("LateCard Performed +Performed", 9)]
    [InlineData("WithdrawFirst LateCard +LateCard", 9)]
    [InlineData("CharityBatch Defaulter WithdrawFirst +WithdrawFirst +Defaulter", 3)]
    [InlineData("Decision LateCard CharityBatch Defaulter +Defaulter +CharityBatch +LateCard", 9)]
    [InlineData("CharityBatch Dispute Defaulter +Dispute +Defaulter", 5)]
    public async Task A_unit_queued_after_a_later_one_leaves_no_stale_state(string events, int termEndsAfter)
    {
        // Each name is the unit taking its instant; "+name" is it being queued and committed.
        var steps = events.Split(' ');
        var units = steps.Where(s => s[0] != '+').Select(Enum.Parse<Unit>).ToArray();
        var order = steps.Select(s => Array.IndexOf(units, Enum.Parse<Unit>(s.TrimStart('+')))).ToArray();
        var commits = order.Select((u, i) => (u, i)).Where(x => steps[x.i][0] == '+').Select(x => x.u).ToList();

        // Units named without a "+" commit at the end, in the order named.
        foreach (var u in Enumerable.Range(0, units.Length).Where(u => !commits.Contains(u)))
        {
            order = [.. order, u];
        }

        Assert.Empty(await RunAsync(new Scenario(units, order, termEndsAfter)));
    }

    private static async Task<List<string>> RunAsync(Scenario scenario)
    {
        await using var t = await TestRegistry.CreateAsync();
        var subject = Ids.Carol;
        var court = await t.CourtAsync();
        var card = await t.SourceAsync("card-issuer", "late-credit-card-payment");
        var charity = await t.SourceAsync("charity", "volunteering");
        var rail = await t.RelyingPartyAsync("rail", "ticket sales", "rail.g-train.ticket");
        var own = await t.RoleAsync(Role.Subject, "carol", subject);

        // A listing whose two-year term runs out while the units run, so the scheduler has work.
        var first = Lines.Defaulter(subject, "d0", Instant(TestRegistry.Start.AddSeconds(scenario.TermEndsAfter).AddYears(-2)));
        Ok(await t.Registry.Intake.SubmitAsync(court, first));
        var late = Lines.Defaulter(subject, "d1", "2026-05-30T00:00:00Z");

        Func<Task<object>> Start(Unit unit) => unit switch
        {
            Unit.Defaulter => async () => await t.Registry.Intake.SubmitAsync(court, late),
            Unit.WithdrawDefaulter => async () => await t.Registry.Intake.SubmitAsync(court, Lines.Withdrawal(late)),
            Unit.WithdrawFirst => async () => await t.Registry.Intake.SubmitAsync(court, Lines.Withdrawal(first)),
            Unit.Performed => async () => await t.Registry.Intake.SubmitAsync(court, Lines.Performed(subject, "p1")),
            Unit.LateCard => async () => await t.Registry.Intake.SubmitAsync(card, Lines.LateCard(subject, "c1")),
            Unit.CharityBatch => async () => await t.Registry.Intake.SubmitBatchAsync(charity, CharityBatch(subject)),
            Unit.Decision => async () => await t.Registry.Decisions.DecideAsync(rail, subject, "rail.g-train.ticket"),
            Unit.Scheduler => async () => await t.Registry.Scheduler.RunDueAsync(),
            Unit.Dispute => async () => await t.Registry.Disputes.OpenAsync(own, "intermediate-court", "d0", "the judgment was performed before this listing", null),
            _ => throw new ArgumentOutOfRangeException(nameof(unit)),
        };

        var held = new ClockHold.Held<object>?[scenario.Units.Length];
        var problems = new List<string>();
        foreach (var u in scenario.Order)
        {
            t.Clock.Advance(TimeSpan.FromSeconds(1));
            if (held[u] is null)
            {
                held[u] = await ClockHold.Run(Start(scenario.Units[u]));
                continue;
            }

            await held[u]!.ReleaseAsync();
            problems.AddRange((await StateOracle.ProblemsAsync(t, subject)).Select(p => $"after {scenario.Units[u]}: {p}"));
            if (problems.Count > 0)
            {
                return problems;
            }
        }

        // Later instants (the term's end passed): the scheduler brings the stored state to the clock.
        t.Clock.Advance(TimeSpan.FromSeconds(20));
        await t.Registry.Scheduler.RunDueAsync();
        problems.AddRange((await StateOracle.ProblemsAsync(t, subject)).Select(p => $"at the end: {p}"));
        problems.AddRange(await PublicListProblemsAsync(t, subject));
        return problems;
    }

    /// <summary>The public list names the subject exactly when a fresh assessment now lists it there.</summary>
    internal static async Task<List<string>> PublicListProblemsAsync(TestRegistry t, string subject)
    {
        var auditor = await t.RoleAsync(Role.Auditor, "auditor-" + Guid.NewGuid().ToString("N"));
        var listed = (await t.Registry.Subjects.ReadAsync(auditor, subject, "state check")).GetValueOrThrow();
        var should = listed.Assessment?.Listings.Any(l => l.List == "court-defaulters") ?? false;
        var page = (await t.Registry.Public.ListAsync("court-defaulters", 1, 500)).GetValueOrThrow();
        var masked = Public.PublicService.Mask(subject, Core.Identifiers.SubjectKind.Person);
        var shown = page.Entries.Any(e => e.Subject == masked);
        return should == shown ? [] : [$"the file says listed={should}, the public list shows it={shown}"];
    }

    private static List<RecordLine> CharityBatch(string subject)
    {
        var lines = Enumerable.Range(1, 300).Select(i => Lines.Volunteering(Ids.Person(i), "v" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        lines.Insert(150, Lines.Volunteering(subject, "v-subject"));
        return lines;
    }

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Ok<T>(Outcome<T> outcome) => outcome.GetValueOrThrow();

    /// <summary>The units of a run and the order of their events: each unit's first event takes its instant, its second queues it.</summary>
    internal sealed record Scenario(Unit[] Units, int[] Order, int TermEndsAfter)
    {
        public static Scenario From(int seed, int count, int termEndsAfter)
        {
            var random = new Random(seed);
            var units = Enum.GetValues<Unit>().OrderBy(_ => random.Next()).Take(Math.Min(count, Kinds)).ToArray();
            var order = Enumerable.Range(0, units.Length).SelectMany(u => new[] { u, u }).OrderBy(_ => random.Next()).ToArray();
            return new Scenario(units, order, termEndsAfter);
        }

        public override string ToString() =>
            string.Join(' ', Order.Select((u, i) => (Order.AsSpan(0, i).Contains(u) ? "+" : string.Empty) + Units[u])) + $" (term ends after {TermEndsAfter} s)";
    }
}
