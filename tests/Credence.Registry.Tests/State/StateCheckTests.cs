using System.Globalization;
using Credence.Core.DueProcess;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests.State;

/// <summary>
/// The state check finds every subject whose stored state differs from a fresh assessment at its
/// instant, whatever part of it was damaged, and nothing on a clean store; the repair re-derives
/// each damaged subject through the writer, logged on the subject in the ledger, with notices.
/// </summary>
public sealed class StateCheckTests
{
    private static readonly string Dora = Ids.Person(42);

    [Fact]
    public async Task A_clean_store_has_nothing_to_report_or_repair()
    {
        await using var t = await ScenarioAsync();
        Assert.Empty((await t.Registry.State.CheckAsync(t.Operator)).GetValueOrThrow());
        Assert.Empty((await t.Registry.State.RepairAsync(t.Operator)).GetValueOrThrow());
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Carol, 100)), e => e.Action == "state.repair");
    }

    /// <summary>Each way a stored state can be wrong, alone: every one is reported, and the repair leaves nothing.</summary>
    [Theory]
    [InlineData("UPDATE subject_state SET score = score + 40 WHERE subject = $s", "score:")]
    [InlineData("UPDATE subject_state SET grade = 'AAA' WHERE subject = $s", "score:")]
    [InlineData("UPDATE subject_state SET lists = '' WHERE subject = $s", "lists:")]
    [InlineData("UPDATE subject_state SET review_at = review_at + 864000000000 * 365 WHERE subject = $s", "review:")]
    [InlineData("UPDATE subject_state SET evaluated_at = evaluated_at - 10000000 WHERE subject = $s", "stale:")]
    [InlineData("UPDATE listings SET ended_at = since - 10000000 WHERE subject = $s", "before it starts")]
    [InlineData("UPDATE listings SET until = until + 864000000000 WHERE subject = $s", "runs")]
    [InlineData("UPDATE listings SET published = 0 WHERE subject = $s", "runs")]
    [InlineData("UPDATE listings SET since = since + 10000000 WHERE subject = $s", "runs")]
    [InlineData("INSERT INTO listings (subject, list, policy_tag, published, since, until) SELECT subject, 'court-defaulters', policy_tag, 1, evaluated_at, NULL FROM subject_state WHERE subject = $d", "is open, and the fresh assessment does not list")]
    public async Task Every_kind_of_damage_is_reported_and_repaired(string damage, string reported)
    {
        await using var t = await ScenarioAsync();
        var subject = damage.Contains("$d", StringComparison.Ordinal) ? Dora : Ids.Carol;
        Damage(t, damage.Replace("$d", "$s", StringComparison.Ordinal), subject);

        var found = (await t.Registry.State.CheckAsync(t.Operator)).GetValueOrThrow();
        var line = Assert.Single(found);
        Assert.Equal(subject, line.Subject);
        Assert.Contains(line.Differences, d => d.Contains(reported, StringComparison.Ordinal));

        var repaired = (await t.Registry.State.RepairAsync(t.Operator)).GetValueOrThrow();
        Assert.Equal(subject, Assert.Single(repaired).Subject);
        Assert.Empty((await t.Registry.State.CheckAsync(t.Operator)).GetValueOrThrow());
        Assert.DoesNotContain(await StateOracle.ProblemsAsync(t, subject), p => !p.StartsWith("notice", StringComparison.Ordinal));

        // The repair is a recorded, reasoned event on the subject, in the ledger (promises 3 and 5).
        var repair = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectAccess(subject, 100)), e => e.Action == "state.repair");
        Assert.Contains(reported, repair.Detail, StringComparison.Ordinal);
        await t.ReopenAsync();
        Assert.True(LedgerAudit.Run(t.DatabasePath, null).IsConsistent);
    }

    /// <summary>
    /// The damage the race of issue 11 (8) left: the court's listing ended by a re-scoring as of a moment
    /// before it started, the stored state not listed, the delisting notice dated before the listing.
    /// </summary>
    [Fact]
    public async Task The_damage_of_the_race_is_found_and_the_listing_restored_with_its_notice()
    {
        await using var t = await ScenarioAsync();
        Damage(t, "UPDATE listings SET ended_at = since - 10000000 WHERE subject = $s", Ids.Carol);
        Damage(t, "UPDATE subject_state SET lists = '', evaluated_at = evaluated_at - 20000000, review_at = review_at + 864000000000 * 100 WHERE subject = $s", Ids.Carol);
        Assert.Contains(await InterleavingProperties.PublicListProblemsAsync(t, Ids.Carol), p => p.Contains("shows it=False", StringComparison.Ordinal));

        var damage = Assert.Single((await t.Registry.State.CheckAsync(t.Operator)).GetValueOrThrow());
        Assert.Contains(damage.Differences, d => d.StartsWith("stale:", StringComparison.Ordinal));
        Assert.Contains(damage.Differences, d => d.Contains("before it starts", StringComparison.Ordinal));

        t.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Single((await t.Registry.State.RepairAsync(t.Operator)).GetValueOrThrow());
        Assert.Empty((await t.Registry.State.CheckAsync(t.Operator)).GetValueOrThrow());
        Assert.Empty(await InterleavingProperties.PublicListProblemsAsync(t, Ids.Carol));

        // The listing row is the court's, open again from its own start; the subject is told why.
        var rows = await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Carol, openOnly: false));
        var row = Assert.Single(rows);
        Assert.Null(row.EndedAt);
        var notice = (await t.Registry.Store.ReadAsync(r => r.SubjectNotices(Ids.Carol, 100))).First(n => n.Kind == NoticeKind.Listed && n.Reasons.Any(x => x.Code == "STATE.REPAIRED"));
        Assert.Equal(t.Clock.GetUtcNow(), notice.At);
    }

    [Fact]
    public async Task Only_the_operator_repairs_and_only_the_operator_or_an_auditor_checks()
    {
        await using var t = await ScenarioAsync();
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer");
        var court = (await t.Registry.Store.ReadAsync(r => r.FindPrincipal("intermediate-court")))!;
        Assert.True((await t.Registry.State.CheckAsync(auditor)).IsOk);
        foreach (var refused in new[] { court, reviewer })
        {
            Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.State.CheckAsync(refused)).Problem!.Type);
        }

        Damage(t, "UPDATE subject_state SET lists = '' WHERE subject = $s", Ids.Carol);
        foreach (var refused in new[] { auditor, court, reviewer })
        {
            Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.State.RepairAsync(refused)).Problem!.Type);
        }

        Assert.Single((await t.Registry.State.CheckAsync(auditor)).GetValueOrThrow());
    }

    /// <summary>A subject listed by a court, others in a charity's batch, a withdrawal, a decision: all through the ordinary use cases.</summary>
    internal static async Task<TestRegistry> ScenarioAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var charity = await t.SourceAsync("charity", "volunteering");
        var rail = await t.RelyingPartyAsync("rail", "ticket sales", "rail.g-train.ticket");
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Carol, "d1"))).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromSeconds(1));
        var batch = Enumerable.Range(1, 50).Select(i => Lines.Volunteering(Ids.Person(i), "v" + i.ToString(CultureInfo.InvariantCulture))).Append(Lines.Volunteering(Ids.Carol, "vc")).ToList();
        (await t.Registry.Intake.SubmitBatchAsync(charity, batch)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromSeconds(1));
        var wrong = Lines.Defaulter(Ids.Bob, "d2");
        (await t.Registry.Intake.SubmitAsync(court, wrong)).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(court, Lines.Withdrawal(wrong))).GetValueOrThrow();
        (await t.Registry.Decisions.DecideAsync(rail, Ids.Carol, "rail.g-train.ticket")).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromSeconds(1));
        return t;
    }

    /// <summary>Damages the store behind the registry's back, as a bug or a hand would.</summary>
    internal static void Damage(TestRegistry t, string sql, string subject)
    {
        using var connection = new SqliteConnection($"Data Source={t.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000";
        command.ExecuteNonQuery();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", subject);
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }
}
