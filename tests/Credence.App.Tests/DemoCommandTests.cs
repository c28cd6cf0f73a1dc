namespace Credence.App.Tests;

[Collection("console")]
public class DemoCommandTests
{
    [Fact]
    public void A_small_demo_city_is_taken_in_summarised_and_every_role_gets_a_key()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        var (exit, output, error) = Cli.Run("demo", "--persons", "300", "--db", db, "--no-serve");
        Assert.True(exit == 0, error);
        Assert.Contains("demo registry", output, StringComparison.Ordinal);
        Assert.Contains("rongcheng-persons@2026.1", output, StringComparison.Ordinal);
        Assert.Contains("court-defaulters", output, StringComparison.Ordinal);
        foreach (var role in new[] { "operator", "source", "relying-party", "reviewer", "auditor", "subject" })
        {
            Assert.Matches($@"\n  {role} +\S+ +cred_", output);
        }

        Assert.True(File.Exists(db));
        Assert.Contains("checkpoint 1 signed", output, StringComparison.Ordinal);

        // The city's fairness summary follows its summary: who was assessed, under which policy, and what was found.
        Assert.Matches(@"\nfairness \(issue 15; seed \d+, cohorts of at least 100 judged\):\n  Persons under rongcheng-persons@2026\.1 as of [^:]+:\d\d:\d\dZ: [\d,]+ assessed", output);
        Assert.Matches(@"\n  Organisations under shanghai-organisations@2026\.1 as of ", output);
        Assert.Matches(@"\n  (No disparity found|[\d,]+ disparit(y|ies) found)", output);
        Assert.Contains("credence fairness --db " + db, output, StringComparison.Ordinal);
        Assert.True(File.Exists(db + ".ledger.key.pub"));

        // Each phase with its time, in order, and the total from the program's start (a newcomer sees where the wait went).
        Assert.Matches(@"\nphases: generating \d+\.\d s, policies and keys \d+\.\d s, intake and scheduler replay \d+\.\d s \([\d,]+ records/s\), stories and summary \d+\.\d s, fairness report \d+\.\d s, checkpoint \d+\.\d s; \d+\.\d s from the program's start to done", output);
        Assert.Matches(@"\nreplay: [\d,]+ weeks; the scheduler's weekly runs \d+\.\d s \([\d,]+ subjects handled\), the sources' submissions \d+\.\d s, the stories' steps \d+\.\d s; \d+\.\d s of processor time so far", output);
        var (verified, report, verifyError) = Cli.Run("verify", "--db", db);
        Assert.True(verified == 0, report + verifyError);
        Assert.Contains("consistent", report, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT checked", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_never_overwrites_an_existing_database()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        File.WriteAllText(db, "precious");
        var (exit, _, error) = Cli.Run("demo", "--persons", "10", "--db", db, "--no-serve");
        Assert.Equal(1, exit);
        Assert.Contains("will not overwrite", error, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(db));
    }

    [Fact]
    public void An_impossible_city_is_refused()
    {
        var (exit, _, error) = Cli.Run("demo", "--persons", "-5", "--db", Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db"), "--no-serve");
        Assert.Equal(1, exit);
        Assert.StartsWith("demo:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_and_end_give_the_same_city_record_for_record()
    {
        static string Scalar(string db, string sql)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        static string Records(string db) => Scalar(db,
            "SELECT group_concat(source || '/' || source_record_id || '/' || version || '/' || subject || '/' || type || '/' || occurred_at || '/' || reported_at, ';') FROM (SELECT * FROM records ORDER BY source, source_record_id, version)");

        var dbs = new[] { 1, 2 }.Select(_ => Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db")).ToArray();
        foreach (var db in dbs)
        {
            var (exit, _, error) = Cli.Run("demo", "--persons", "60", "--end", "2026-10-01T12:00:00Z", "--db", db, "--no-serve");
            Assert.True(exit == 0, error);
        }

        var first = Records(dbs[0]);
        Assert.NotEmpty(first);
        Assert.Equal(first, Records(dbs[1]));
        var end = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.InRange(long.Parse(Scalar(dbs[0], "SELECT MAX(occurred_at) FROM records"), System.Globalization.CultureInfo.InvariantCulture), end.AddDays(-30).UtcTicks, end.UtcTicks);
    }

    [Theory]
    [InlineData("yesterday", "is not an instant")]
    [InlineData("2999-01-01T00:00:00Z", "is in the future")]
    public void An_end_that_is_no_instant_or_lies_ahead_is_refused(string end, string reason)
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        var (exit, _, error) = Cli.Run("demo", "--persons", "10", "--end", end, "--db", db, "--no-serve");
        Assert.Equal(1, exit);
        Assert.StartsWith("demo: --end", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
