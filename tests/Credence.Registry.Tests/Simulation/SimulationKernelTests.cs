using System.Globalization;
using System.Text.Json;
using Credence.Core.Explanations;
using Credence.Core.Intake;
using Credence.Core.Simulation;
using Credence.Registry.Access;
using Credence.Registry.Simulation;

namespace Credence.Registry.Tests.Simulation;

/// <summary>
/// The simulation scores through the batch re-scoring kernel; its reports and replays must be byte
/// for byte what scoring each subject's compiled file by the engine gives (the reference path), on a
/// registry with every kind of file the kernel treats apart: superseded and withdrawn versions,
/// disputes, capped, decaying and per-unit types, answered list entries, consent, a minor.
/// </summary>
public class SimulationKernelTests
{
    private static RecordLine Traffic(string subject, string id, string occurred) =>
        new(subject, "traffic-violation", "administrative", occurred, null, null, id, "Traffic decision " + id, null, null, null, null);

    private static string Day(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static async Task SubmitAllAsync(TestRegistry t, Principal source, IReadOnlyList<RecordLine> lines)
    {
        var fates = (await t.Registry.Intake.SubmitBatchAsync(source, lines)).GetValueOrThrow().Fates;
        Assert.All(fates, f => Assert.Null(f.Problem));
    }

    /// <summary>240 persons with mixed files, Bob disputing his listing, a minor, consents and past decisions.</summary>
    private static async Task<(TestRegistry T, DateTimeOffset Midway)> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bank = await t.SourceAsync("bank", "late-credit-card-payment");
        var charity = await t.SourceAsync("charity", "volunteering");
        var police = await t.SourceAsync("traffic-police", "traffic-violation");
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        var rail = await t.RelyingPartyAsync("china-railway", "ticket sales under the SPC rules", "rail.g-train.ticket");

        List<RecordLine> judicial = [Lines.Defaulter(Ids.Bob, "Z-1")], cards = [Lines.LateCard(Ids.Carol, "C-1"), Lines.LateCard(Ids.Minor, "C-M")], good = [], traffic = [], taxes = [];
        for (var n = 0; n < 240; n++)
        {
            var p = Ids.Person(n);
            if (n % 5 == 0)
            {
                judicial.Add(Lines.Defaulter(p, $"Z-{n}", Day(2023 + (n % 3), 1 + (n % 12), 1 + (n % 28))));
            }

            if (n % 10 == 0)
            {
                judicial.Add(Lines.Performed(p, $"P-{n}", Day(2026, 5, 1 + (n % 28))));
            }

            for (var k = 0; k < n % 3 + (n % 4 == 0 ? 2 : 0); k++)
            {
                cards.Add(Lines.LateCard(p, $"C-{n}-{k}", Day(2025 + (k % 2), 1 + ((n + 3 * k) % (k % 2 == 0 ? 12 : 5)), 1 + (n % 27))));
            }

            if (n % 4 == 1)
            {
                good.Add(Lines.Volunteering(p, $"V-{n}", Day(2026, 1 + (n % 5), 2)));
            }

            if (n % 7 == 2)
            {
                traffic.Add(Traffic(p, $"T-{n}", Day(2026, 3 + (n % 3), 1 + (n % 28))));
            }

            if (n % 11 == 3)
            {
                taxes.Add(Lines.TaxEvasion(p, $"X-{n}", Day(2025, 1 + (n % 12), 3)) with { Quantity = n * 7_919m });
            }
        }

        await SubmitAllAsync(t, court, judicial);
        await SubmitAllAsync(t, bank, cards);
        await SubmitAllAsync(t, charity, good);
        await SubmitAllAsync(t, police, traffic);
        await SubmitAllAsync(t, tax, taxes);
        t.Clock.Advance(TimeSpan.FromDays(3));
        var midway = t.Clock.GetUtcNow();
        t.Clock.Advance(TimeSpan.FromDays(3));

        // Later versions: withdrawals, corrections moving a defaulter's occurrence, a dispute, consents, decisions.
        List<RecordLine> later = [], laterCards = [];
        for (var n = 0; n < 240; n += 13)
        {
            laterCards.Add(Lines.Withdrawal(Lines.LateCard(Ids.Person(n), $"C-{n}-0", Day(2025, 1 + (n % 12), 1 + (n % 27)))));
        }

        for (var n = 0; n < 240; n += 35)
        {
            later.Add(Lines.Correction(Lines.Defaulter(Ids.Person(n), $"Z-{n}", Day(2022, 2, 2))));
        }

        await SubmitAllAsync(t, bank, laterCards.Where(l => l.Subject is { } s && cards.Any(c => c.Subject == s && c.SourceRecordId == l.SourceRecordId)).ToList());
        await SubmitAllAsync(t, court, later);
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        Assert.True((await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).IsOk);
        for (var n = 0; n < 240; n += 9)
        {
            Assert.True((await t.Registry.Consent.SetAsync(await t.RoleAsync(Role.Subject, $"s{n}", Ids.Person(n)), true)).IsOk);
        }

        foreach (var subject in new[] { Ids.Bob, Ids.Person(5), Ids.Person(20), Ids.Person(3) })
        {
            Assert.True((await t.Registry.Decisions.DecideAsync(rail, subject, "rail.g-train.ticket")).IsOk);
        }

        t.Clock.Advance(TimeSpan.FromMinutes(5));
        return (t, midway);
    }

    public static TheoryData<string, string?, bool> Drafts() => new()
    {
        { "grade", null, false },
        { "grade", "rongcheng-persons@2026.1", true },
        { "consent", null, false },
        { "late-listed", null, false },
        { "late-listed", null, true },
        { "minors", null, false },
        { "minors", null, true },
    };

    private static string Draft(string kind) => kind switch
    {
        "grade" => SimulationTests.Draft(),
        "consent" => SimulationTests.Draft("2026.7").Replace("consent-required: false", "consent-required: true", StringComparison.Ordinal),
        "late-listed" => SimulationTests.Draft("2026.8").Replace("entry: { active-record-of: [judgment-defaulter], grade-at-most: D }", "entry: { active-record-of: [judgment-defaulter, late-credit-card-payment] }", StringComparison.Ordinal),
        _ => SimulationTests.Draft("2026.6").Replace("minimum-age: 18", "minimum-age: 46", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Drafts))]
    public async Task The_kernel_gives_the_same_report_byte_for_byte_as_scoring_each_file_by_the_engine(string kind, string? against, bool midway)
    {
        var (t, half) = await CityAsync();
        await using var _ = t;
        var draft = Draft(kind);
        Assert.NotEqual(TestRegistry.PolicyText("rongcheng-persons.yaml"), draft);
        var reference = new SimulationService(t.Registry.Store, t.Clock, t.Registry.Access, t.Registry.Policies) { PerSubjectScoring = true };
        DateTimeOffset? asOf = midway ? half : null;

        var kernel = (await t.Registry.Simulations.SimulateAsync(t.Operator, draft, "draft.yaml", against, asOf)).GetValueOrThrow();
        var engine = (await reference.SimulateAsync(t.Operator, draft, "draft.yaml", against, asOf)).GetValueOrThrow();

        // The two runs differ only in the report's id (a fresh one per run).
        var same = engine.Report with { Id = kernel.Report.Id };
        Assert.Equal(CanonicalJson.Text(same), CanonicalJson.Text(kernel.Report));
        Assert.Equal(CanonicalJson.Digest(same), kernel.Digest);

        // And every subject's outcome under both policies, including what the report reads only in aggregate.
        Assert.Equal(engine.Subjects.Select(Describe), kernel.Subjects.Select(Describe));

        // The registry is varied enough to mean something.
        Assert.True(kernel.Report.Population > 200);
        Assert.True(kernel.Report.Changed > 0);
        Assert.Contains(kernel.Subjects, s => s.After.RecordTypes.Length >= 2);
        Assert.Contains(kernel.Subjects, s => !s.Shifts.IsEmpty);
        if (kind == "consent")
        {
            Assert.Contains(kernel.Subjects, s => s.After.Status == Core.Scoring.ScoreStatus.NoConsent);
            Assert.Contains(kernel.Subjects, s => s.After.Status == Core.Scoring.ScoreStatus.Scored);
        }

        if (kind == "minors")
        {
            // Persons born in 1980 come of age under the draft at mid-year: some are scored, some not yet.
            Assert.Contains(kernel.Subjects, s => s.Before.Status == Core.Scoring.ScoreStatus.Scored && s.After.Status == Core.Scoring.ScoreStatus.UnderAge);
            Assert.Contains(kernel.Subjects, s => s.Before.Status == Core.Scoring.ScoreStatus.Scored && s.After.Status == Core.Scoring.ScoreStatus.Scored);
        }
    }

    [Fact]
    public async Task The_kernel_replays_each_week_as_scoring_each_file_by_the_engine_does()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var reference = new SimulationService(t.Registry.Store, t.Clock, t.Registry.Access, t.Registry.Policies) { PerSubjectScoring = true };
        var now = t.Clock.GetUtcNow();
        foreach (var kind in new[] { "grade", "consent", "minors" })
        {
            var kernel = (await t.Registry.Simulations.ReplayAsync(t.Operator, Draft(kind), null, now.AddDays(-20), now)).GetValueOrThrow();
            var engine = (await reference.ReplayAsync(t.Operator, Draft(kind), null, now.AddDays(-20), now)).GetValueOrThrow();
            Assert.Equal(JsonSerializer.Serialize(engine), JsonSerializer.Serialize(kernel));
            Assert.Contains(kernel, w => w.Subjects > 200);
        }
    }

    private static string Describe(SimulatedSubject s) =>
        $"{Describe(s.Before)} => {Describe(s.After)} [{string.Join(",", s.Shifts.Select(x => $"{x.Type}:{x.Before}:{x.After}"))}]";

    private static string Describe(SubjectOutcome o) =>
        $"{o.Subject.Value}|{o.Policy}|{o.Status}|{o.Score}|{o.Grade}|{string.Join(",", o.Lists)}|{string.Join(",", o.Measures)}|{string.Join(",", o.Answers.Select(a => $"{a.Key}={a.Value}"))}|{string.Join(",", o.RecordTypes)}";
}
