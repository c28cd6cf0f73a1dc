using Credence.Core.DueProcess;
using Credence.Core.Intake;
using Credence.Core.Records;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Intake;

/// <summary>Due-process events in a records file, applied with Core's dispute state machine.</summary>
public class CaseLineParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co", id: "w-1");

    private const string Open = """{"event":"dispute.opened","subject":"11010519491231002X","source":"water-co","sourceRecordId":"w-1","dispute":"d1","at":"2025-02-01T00:00:00Z","due":"2025-03-03T00:00:00Z"}""";

    private static (List<Dispute> Disputes, List<RecordRepair> Repairs, List<(int Line, IntakeProblem Problem)> Problems) Apply(IReadOnlyList<Record> records, params string[] lines)
    {
        var events = new List<(int, CaseLine)>();
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.True(CaseLineParser.IsEvent(lines[i]));
            var e = CaseLineParser.ParseJson(lines[i], out var problem);
            Assert.True(e is not null, problem?.ToString());
            events.Add((i + 1, e));
        }

        return CaseLineParser.Apply(records, events, Now);
    }

    [Fact]
    public void An_opened_and_verified_dispute_is_verified_and_a_repair_is_granted_from_its_instant()
    {
        var (disputes, repairs, problems) = Apply([Arrears], Open,
            """{"event":"dispute.answered","dispute":"d1","at":"2025-02-05T00:00:00Z","answer":"verify","reason":"meter readings"}""",
            """{"event":"repair.granted","subject":"11010519491231002X","source":"water-co","sourceRecordId":"w-1","at":"2025-06-01T00:00:00Z"}""");
        Assert.Empty(problems);
        var d = Assert.Single(disputes);
        Assert.Equal((DisputeState.Verified, new DateTimeOffset(2025, 2, 5, 0, 0, 0, TimeSpan.Zero), "meter readings"), (d.State, d.ClosedAt!.Value, d.Answer!.Reason));
        Assert.Equal([new RecordRepair(Arrears.Key, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero))], repairs);
    }

    [Fact]
    public void A_withdrawal_answer_needs_its_version_line_and_then_withdraws()
    {
        var at = new DateTimeOffset(2025, 2, 5, 0, 0, 0, TimeSpan.Zero);
        const string Answer = """{"event":"dispute.answered","dispute":"d1","at":"2025-02-05T00:00:00Z","answer":"withdraw"}""";
        Assert.Contains("version-required", Apply([Arrears], Open, Answer).Problems.Single().Problem.Message, StringComparison.Ordinal);
        var (disputes, _, problems) = Apply([Arrears, Withdraw(Arrears, at)], Open, Answer);
        Assert.Empty(problems);
        Assert.Equal(DisputeState.Withdrawn, disputes.Single().State);
    }

    [Fact]
    public void Escalation_and_a_finding_follow_the_reviewer_rules_and_a_resolution_comes_only_at_the_deadline()
    {
        var (disputes, _, problems) = Apply([Arrears], Open,
            """{"event":"dispute.answered","dispute":"d1","at":"2025-02-05T00:00:00Z","answer":"verify"}""",
            """{"event":"dispute.escalated","dispute":"d1","at":"2025-02-06T00:00:00Z","reason":"receipt ignored"}""",
            """{"event":"dispute.decided","dispute":"d1","at":"2025-02-07T15:00:00Z","finding":"found-wrong"}""");
        Assert.Empty(problems);
        var d = disputes.Single();
        Assert.Equal((DisputeState.FoundWrong, DisputeDeadlines.RevocationDue(new DateTimeOffset(2025, 2, 7, 15, 0, 0, TimeSpan.Zero))), (d.State, d.DueAt));

        var early = Apply([Arrears], Open, """{"event":"dispute.resolved-for-subject","dispute":"d1","at":"2025-03-01T00:00:00Z"}""");
        Assert.Equal("dispute-refused", early.Problems.Single().Problem.Type);
        Assert.Empty(early.Disputes);
        var resolved = Apply([Arrears], Open, """{"event":"dispute.resolved-for-subject","dispute":"d1","at":"2025-03-03T00:00:00Z"}""");
        Assert.Equal(DisputeState.ResolvedForSubject, resolved.Disputes.Single().State);
    }

    [Theory]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"2025-03-04T00:00:00Z","answer":"verify"}""", "dispute-refused", "past-deadline")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"2025-02-05T00:00:00Z","answer":"Verify"}""", "bad-value", "answer")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"2025-02-05T00:00:00Z","answer":"核实"}""", "bad-value", "answer")]
    [InlineData("""{"event":"dispute.escalated","dispute":"d1","at":"2025-02-05T00:00:00Z"}""", "dispute-refused", "not-verified")]
    [InlineData("""{"event":"dispute.decided","dispute":"d1","at":"2025-02-05T00:00:00Z","finding":"found-wrong"}""", "dispute-refused", "not-escalated")]
    [InlineData("""{"event":"dispute.answered","dispute":"d2","at":"2025-02-05T00:00:00Z","answer":"verify"}""", "not-found", "d2")]
    [InlineData("""{"event":"Dispute.Opened","dispute":"d1","at":"2025-02-05T00:00:00Z"}""", "bad-value", "event")]
    [InlineData("""{"event":"dispute_opened","dispute":"d1","at":"2025-02-05T00:00:00Z"}""", "bad-value", "event")]
    [InlineData("""{"event":"争议.开启","dispute":"d1","at":"2025-02-05T00:00:00Z"}""", "bad-value", "event")]
    [InlineData("""{"event":"","dispute":"d1","at":"2025-02-05T00:00:00Z"}""", "missing-field", "event")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"2025-02-05","answer":"verify"}""", "bad-instant", "at")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"２０２５-02-05T00:00:00Z","answer":"verify"}""", "bad-instant", "at")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"٢٠٢٥-02-05T00:00:00Z","answer":"verify"}""", "bad-instant", "at")]
    [InlineData("""{"event":"dispute.answered","dispute":"d1","at":"2030-02-05T00:00:00Z","answer":"verify"}""", "future-instant", "future")]
    [InlineData("""{"event":"dispute.opened","subject":"11010519491231002X","source":"water-co","sourceRecordId":"w-1","dispute":"d1","at":"2025-02-02T00:00:00Z","due":"2025-03-03T00:00:00Z"}""", "bad-value", "twice")]
    public void A_bad_event_is_refused_with_its_line_and_code_and_its_dispute_is_not_taken(string line, string type, string says)
    {
        var (disputes, _, problems) = Apply([Arrears], Open, line);
        var (number, problem) = Assert.Single(problems);
        Assert.Equal((2, type), (number, problem.Type));
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(disputes, d => d.State != DisputeState.Open && d.Id == "d1");
    }

    [Theory]
    [InlineData("""{"event":"dispute.opened","subject":"440524188001010014","source":"water-co","sourceRecordId":"w-1","dispute":"d9","at":"2025-02-01T00:00:00Z","due":"2025-03-03T00:00:00Z"}""")]
    [InlineData("""{"event":"dispute.opened","subject":"11010519491231002X","source":"water-co","sourceRecordId":"w-404","dispute":"d9","at":"2025-02-01T00:00:00Z","due":"2025-03-03T00:00:00Z"}""")]
    [InlineData("""{"event":"repair.granted","subject":"440524188001010014","source":"water-co","sourceRecordId":"w-1","at":"2025-06-01T00:00:00Z"}""")]
    [InlineData("""{"event":"dispute.opened","subject":"11010519491231002X","source":"water-co","sourceRecordId":"w-1","dispute":"d9","at":"2024-12-01T00:00:00Z","due":"2025-03-03T00:00:00Z"}""")]
    public void An_event_on_another_subjects_record_or_one_not_in_the_file_gets_the_same_answer(string line)
    {
        var (disputes, repairs, problems) = Apply([Arrears, Rec(Bob, "late-utility-fees", T0, source: "water-co", id: "b-1")], line);
        Assert.Equal("not-found", problems.Single().Problem.Type);
        Assert.Matches("^no record water-co/w-[0-9]+ of [0-9X]+ was reported by ", problems.Single().Problem.Message);
        Assert.Empty(disputes);
        Assert.Empty(repairs);
    }

    [Theory]
    [InlineData("""{"event":"dispute.opened","dispute":"d1","at":"2025-02-01T00:00:00Z","spouse":"440524188001010014"}""")]
    [InlineData("""{"event":"dispute.opened","dispute":"d1","at":2025}""")]
    public void An_event_with_an_unknown_member_or_a_wrong_kind_of_value_is_malformed(string line)
    {
        Assert.True(CaseLineParser.IsEvent(line));
        Assert.Null(CaseLineParser.ParseJson(line, out var problem));
        Assert.Equal("malformed-json", problem!.Type);
    }

    [Fact]
    public void A_record_line_is_not_an_event()
    {
        Assert.False(CaseLineParser.IsEvent("""{"subject":"11010519491231002X","type":"late-utility-fees"}"""));
        Assert.False(CaseLineParser.IsEvent("{not json"));
        Assert.False(CaseLineParser.IsEvent("[]"));
    }
}
