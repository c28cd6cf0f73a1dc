using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Intake;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The read models a source's intake history and the operator's charts over time rest on: every
/// submission is one batch with its fates counted and its rejected lines kept (written with the
/// records, surviving a restart), each source sees only its own, and the series per day agree with
/// the rows they are drawn from.
/// </summary>
public abstract class IntakeHistory(StoreKind kind) : RegistryContract(kind)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task Every_submission_is_a_batch_with_its_fates_counted_and_its_rejected_lines_kept_for_its_source_only()
    {
        var court = await CourtAsync();
        var charity = await CharityAsync();
        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-0"))).GetValueOrThrow();
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await Registry.Intake.SubmitAsync(court,
        [
            new NumberedLine(1, Lines.Defaulter(Ids.Alice, "Z-1"), null),
            new NumberedLine(2, Lines.Defaulter(Ids.Bob, "Z-0"), null),
            new NumberedLine(3, null, new IntakeProblem("malformed-json", string.Empty, "bad")),
            new NumberedLine(5, Lines.Defaulter(Ids.Bob, "Z-0") with { LegalBasis = "changed" }, null),
            new NumberedLine(6, Lines.Performed(Ids.Alice, "Z-2"), null),
            new NumberedLine(9, Lines.Withdrawal(Lines.Defaulter(Ids.Alice, "Z-9")), null),
        ])).GetValueOrThrow();
        Clock.Advance(TimeSpan.FromMinutes(5));

        // A submission of which no line was stored is in the history too: that is when a source most needs it.
        var refused = (await Registry.Intake.SubmitAsync(court, [new NumberedLine(1, Lines.Defaulter(Ids.Bob, "Z-5", occurred: "2099-01-01T00:00:00Z"), null)])).GetValueOrThrow();
        Assert.Equal(1, refused.Rejected);

        await ReopenAsync();
        var history = (await Registry.IntakeHistory.BatchesAsync(court, 0, 10)).GetValueOrThrow();
        Assert.Equal(3, history.Total);
        Assert.Equal([(1L, 0L, 0L, 1L), (6L, 2L, 1L, 3L), (1L, 1L, 0L, 0L)], history.Batches.Select(b => (b.Lines, b.Accepted, b.Duplicates, b.Rejected)));
        Assert.True(history.Batches[0].At > history.Batches[1].At && history.Batches[1].At > history.Batches[2].At, "newest first");
        Assert.All(history.Batches, b => Assert.Equal(court.Name, b.Source));

        var (batch, rejected) = (await Registry.IntakeHistory.BatchAsync(court, history.Batches[1].Id)).GetValueOrThrow();
        Assert.Equal(history.Batches[1], batch);
        Assert.Equal([(3, "malformed-json", (string?)null), (5, ProblemTypes.Conflict, "intermediate-court/Z-0"), (9, ProblemTypes.NotFound, "intermediate-court/Z-9")],
            rejected.Select(r => (r.Line, r.Type, r.Record)));
        Assert.Equal([null, 1, 2], rejected.Select(r => r.Version));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        Assert.Equal("future-instant", Assert.Single((await Registry.IntakeHistory.BatchAsync(court, history.Batches[0].Id)).GetValueOrThrow().Rejected).Type);

        // Paging, and another source: no batches of its own, and the court's batch reads as one that does not exist.
        Assert.Equal(history.Batches.Skip(1).ToList(), (await Registry.IntakeHistory.BatchesAsync(court, 1, 10)).GetValueOrThrow().Batches.ToList());
        Assert.Equal(0, (await Registry.IntakeHistory.BatchesAsync(charity, 0, 10)).GetValueOrThrow().Total);
        Assert.Equal(ProblemTypes.NotFound, (await Registry.IntakeHistory.BatchAsync(charity, batch.Id)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await Registry.IntakeHistory.BatchAsync(court, "no-such-batch")).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await Registry.IntakeHistory.BatchesAsync(Operator, 0, 10)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await Registry.IntakeHistory.BatchesAsync(court, 0, 0)).Problem!.Type);
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_submission_streamed_in_chunks_is_one_batch_summing_its_chunks()
    {
        var court = await CourtAsync();
        var chunks = Enumerable.Range(0, 5)
            .Select(c => (IReadOnlyList<NumberedLine>)[.. Enumerable.Range(0, 40).Select(i => new NumberedLine((c * 40) + i + 1, i == 7 ? Lines.Defaulter(Ids.Person(i), "S-" + c + "-" + i) with { Area = "social" } : Lines.Defaulter(Ids.Person((c * 40) + i), "S-" + c + "-" + i), null))])
            .ToList();
        (await Registry.Intake.SubmitInOrderAsync(court, chunks, _ => { }, inFlight: 2)).GetValueOrThrow();

        var batch = Assert.Single((await Registry.IntakeHistory.BatchesAsync(court, 0, 10)).GetValueOrThrow().Batches);
        Assert.Equal((200L, 195L, 0L, 5L), (batch.Lines, batch.Accepted, batch.Duplicates, batch.Rejected));
        Assert.True(batch.LastAt >= batch.At);
        var rejected = (await Registry.IntakeHistory.BatchAsync(court, batch.Id)).GetValueOrThrow().Rejected;
        Assert.Equal([8, 48, 88, 128, 168], rejected.Select(r => r.Line));
        Assert.Equal(195, (await ReadAsync(r => r.Counts(Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task The_series_per_day_agree_with_the_batches_decisions_and_listings_they_are_drawn_from()
    {
        var court = await CourtAsync();
        var rail = await RailAsync();
        var first = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-1);

        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        (await Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        Clock.Advance(2 * Day);
        (await Registry.Intake.SubmitAsync(court, [new NumberedLine(1, Lines.Defaulter(Ids.Alice, "Z-2"), null), new NumberedLine(2, Lines.Defaulter(Ids.Alice, "Z-3") with { Type = "no-such-type" }, null)])).GetValueOrThrow();
        (await Registry.Decisions.DecideAsync(rail, Ids.Alice, "rail.g-train.ticket")).GetValueOrThrow();
        (await Registry.Decisions.DecideAsync(rail, Ids.Alice, "rail.g-train.ticket")).GetValueOrThrow();
        Clock.Advance(Day);
        (await Registry.Intake.SubmitAsync(court, Lines.Withdrawal(Lines.Defaulter(Ids.Bob, "Z-1")))).GetValueOrThrow();
        Clock.Advance(Day);

        var series = (await Registry.Series.SeriesAsync(Operator, first.AddDays(5), 6)).GetValueOrThrow();
        Assert.Equal((first, first.AddDays(5), false), (series.First, series.Last, series.EndsAtLastIntake));
        var days = series.Days.ToList();
        Assert.Equal(6, days.Count);

        // Intake: the court's lines per day by fate.
        Assert.Equal([(first.AddDays(1), 1L, 0L, 0L), (first.AddDays(3), 1L, 0L, 1L), (first.AddDays(4), 1L, 0L, 0L)],
            series.Intake.Select(i => (i.Day, i.Accepted, i.Duplicates, i.Rejected)));
        Assert.All(series.Intake, i => Assert.Equal(court.Name, i.Source));

        // Decisions: the rows themselves, grouped by day and outcome.
        var decisions = await ReadAsync(r => new[] { Ids.Bob, Ids.Alice }.SelectMany(s => r.SubjectDecisions(Rows.Subject(s).Value, 10)).ToList());
        Assert.Equal(3, series.Decisions.Sum(d => d.Decisions));
        Assert.Equal(
            decisions.GroupBy(d => (DateOnly.FromDateTime(d.DecidedAt.UtcDateTime), d.Measure, d.Allowed)).Select(g => (g.Key.Item1, g.Key.Measure, g.Key.Allowed, (long)g.Count())).Order(),
            series.Decisions.Select(d => (d.Day, d.Measure, d.Allowed, d.Decisions)).Order());

        // List sizes: each day's end counted from the listing rows themselves.
        var listings = await ReadAsync(r => new[] { Ids.Bob, Ids.Alice }.SelectMany(s => r.SubjectListings(Rows.Subject(s).Value, openOnly: false)).ToList());
        Assert.NotEmpty(listings);
        foreach (var group in listings.GroupBy(l => (l.PolicyTag, l.List)))
        {
            var expected = days.Select(d => (long)group.Count(l => InForce(l, End(d)))).ToList();
            var drawn = series.Lists.Single(s => s.PolicyTag == group.Key.PolicyTag && s.List == group.Key.List).Sizes;
            Assert.Equal(expected, drawn);
        }

        Assert.Contains(series.Lists, s => s.Sizes.Any(v => v > 0));
        Assert.Contains(series.Lists, s => s.Sizes.Distinct().Count() > 1);
    }

    [Fact]
    public async Task A_quiet_registry_shows_the_days_up_to_its_last_intake_unless_a_period_is_asked_for()
    {
        var court = await CourtAsync();
        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        var intakeDay = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        Clock.Advance(40 * Day);
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

        var quiet = (await Registry.Series.SeriesAsync(Operator, null, null)).GetValueOrThrow();
        Assert.Equal((intakeDay.AddDays(-29), intakeDay, true), (quiet.First, quiet.Last, quiet.EndsAtLastIntake));
        Assert.Equal(1, quiet.Intake.Sum(i => i.Accepted));

        var asked = (await Registry.Series.SeriesAsync(Operator, today, 30)).GetValueOrThrow();
        Assert.Equal((today, false), (asked.Last, asked.EndsAtLastIntake));
        Assert.Empty(asked.Intake);

        Assert.Equal(ProblemTypes.BadValue, (await Registry.Series.SeriesAsync(Operator, today.AddDays(1), 30)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await Registry.Series.SeriesAsync(Operator, today, 367)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await Registry.Series.SeriesAsync(court, today, 30)).Problem!.Type);
    }

    private static DateTimeOffset End(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static bool InForce(ListingRow l, DateTimeOffset at) =>
        (l.Since is null || l.Since <= at) && (l.EndedAt is null || l.EndedAt > at) && (l.Until is null || l.Until > at);
}
