using Credence.Core.DueProcess;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Tests.Policies;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class DisputeDeadlineTests
{
    private static readonly DateTimeOffset Opened = new(2025, 3, 10, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Prc_deadline_is_the_policys_court_review_period()
    {
        var policy = Prc with { Disputes = new DisputeRules(PolicyDuration.FromDays(15)) };
        Assert.Equal(Opened.AddDays(15), DisputeDeadlines.AnswerDue(policy, Opened));
    }

    [Fact]
    public void The_rongcheng_sample_gives_the_15_day_court_review()
    {
        var policy = PolicyLoader.LoadFile(SamplePolicyTests.PathOf("rongcheng-persons.yaml")).EnsureValid();
        Assert.Equal(Opened.AddDays(15), DisputeDeadlines.AnswerDue(policy, Opened));
    }

    [Fact]
    public void Prc_ignores_the_free_annual_disclosure()
    {
        var policy = Prc with { Disputes = new DisputeRules(PolicyDuration.FromDays(15)) };
        Assert.Equal(Opened.AddDays(15), DisputeDeadlines.AnswerDue(policy, Opened, Opened.AddDays(-3)));
    }

    [Fact]
    public void Fcra_deadline_is_30_days()
    {
        Assert.Equal(Opened.AddDays(30), DisputeDeadlines.AnswerDue(Fcra(), Opened));
    }

    [Fact]
    public void Fcra_deadline_is_45_days_after_a_free_annual_disclosure_within_the_year()
    {
        Assert.Equal(Opened.AddDays(45), DisputeDeadlines.AnswerDue(Fcra(), Opened, Opened.AddMonths(-11)));
        Assert.Equal(Opened.AddDays(45), DisputeDeadlines.AnswerDue(Fcra(), Opened, Opened));
    }

    [Fact]
    public void A_disclosure_more_than_a_year_old_or_after_the_dispute_does_not_extend()
    {
        Assert.Equal(Opened.AddDays(30), DisputeDeadlines.AnswerDue(Fcra(), Opened, Opened.AddYears(-1)));
        Assert.Equal(Opened.AddDays(30), DisputeDeadlines.AnswerDue(Fcra(), Opened, Opened.AddTicks(1)));
    }

    [Fact]
    public void Revocation_is_due_three_working_days_later_at_the_same_time_of_day()
    {
        var monday = new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(monday.AddDays(3), DisputeDeadlines.RevocationDue(monday));
    }

    [Fact]
    public void Revocation_skips_the_weekend()
    {
        var friday = new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 3, 19, 10, 0, 0, TimeSpan.Zero), DisputeDeadlines.RevocationDue(friday));
    }

    [Fact]
    public void Found_on_a_weekend_counts_from_monday_midnight()
    {
        var saturday = new DateTimeOffset(2025, 3, 15, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero), DisputeDeadlines.RevocationDue(saturday));
    }

    [Fact]
    public void A_holiday_calendar_plugs_in_as_a_predicate()
    {
        var monday = new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero);
        var holiday = new DateOnly(2025, 3, 11);
        Assert.Equal(monday.AddDays(4), DisputeDeadlines.RevocationDue(monday, d => WorkingDays.IsWeekday(d) && d != holiday));
    }

    [Fact]
    public void A_calendar_without_working_days_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WorkingDays.Add(T0, 3, _ => false));
    }

    [Fact]
    public void Deadlines_are_taken_in_utc()
    {
        var local = new DateTimeOffset(2025, 3, 10, 23, 0, 0, TimeSpan.FromHours(-5)); // Tuesday 04:00 UTC
        Assert.Equal(TimeSpan.Zero, DisputeDeadlines.RevocationDue(local).Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 4, 0, 0, TimeSpan.Zero), DisputeDeadlines.RevocationDue(local));
    }
}
