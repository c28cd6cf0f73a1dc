using System.Text.Json;
using Credence.Registry.Storage;
using Credence.Testing;
using Npgsql;

namespace Credence.App.Tests;

/// <summary>
/// The store options of every command that opens a registry: <c>--store postgres</c> with
/// <c>--connection</c>, configuration or <c>CREDENCE_CONNECTION</c>; a connection string is never
/// printed with its password, whatever its spelling, in any command's message; and, on a real server
/// (<c>CREDENCE_TEST_POSTGRES</c>), the operator's whole round: migrate, activate, register, import,
/// verify, check.
/// </summary>
[Collection("console")]
public sealed class PostgresCliTests : IDisposable
{
    /// <summary>Nothing listens on port 1 of the loopback: a connection fails at once.</summary>
    private const string Nowhere = "Host=127.0.0.1;Port=1;Timeout=3;Username=operator;Database=registry";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-pg-cli-tests", Guid.NewGuid().ToString("N"));
    private string? database;

    public PostgresCliTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        if (database is not null)
        {
            Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Every command that opens a store, with the arguments it needs besides the store's.</summary>
    public static TheoryData<string[]> Commands()
    {
        var policy = Cli.Path("policies", "rongcheng-persons.yaml");
        var records = Cli.Path("samples", "records.ndjson");
        return new TheoryData<string[]>
        {
            new[] { "db", "migrate" },
            new[] { "keys", "create", "--role", "source", "--name", "court", "--types", "judgment-defaulter" },
            new[] { "keys", "list" },
            new[] { "keys", "revoke", "--id", "1" },
            new[] { "policy", "activate", policy },
            new[] { "simulate", "--policy", policy },
            new[] { "policy", "sign-off", "rongcheng-persons@2026.1", "--report", "sha256:00", "--key", "cred_" + new string('x', 43) },
            new[] { "import", records, "--source", "court" },
            new[] { "verify" },
            new[] { "check-state" },
            new[] { "serve", "--urls", "http://127.0.0.1:0" },
            new[] { "demo", "--persons", "100", "--no-serve", "--end", "2026-11-01T00:00:00Z" },
        };
    }

    /// <summary>Passwords as an operator might write them: every keyword Npgsql takes for one, quoted, with a semicolon, in Chinese.</summary>
    public static TheoryData<string, string> Secrets() => new()
    {
        { "Password=s3cret-PW-1", "s3cret-PW-1" },
        { "password=s3cret-PW-2", "s3cret-PW-2" },
        { "PWD=s3cret-PW-3", "s3cret-PW-3" },
        { "PSW=s3cret-PW-4", "s3cret-PW-4" },
        { "Password='s3cret;PW-5'", "s3cret" },
        { "Password=\"口令-s3cret-6\"", "口令-s3cret-6" },
        { "Password=s3cret-PW-7;SSL Password=k3y-pass-7", "k3y-pass-7" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void No_command_prints_the_password_of_a_connection_string_it_cannot_open(string[] args)
    {
        foreach (var (setting, secret) in Secrets().Select(row => ((string)row[0], (string)row[1])))
        {
            var connection = $"{Nowhere};{setting}";
            var (exit, output, error) = Cli.Run([.. args, "--store", "postgres", "--connection", connection]);
            Assert.Equal(1, exit);
            Assert.DoesNotContain(secret, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", output + error, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("127.0.0.1", error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=se;cret-part;Port=1")]
    [InlineData("Host=127.0.0.1;Password==s3cret=;Port=1")]
    [InlineData("Host=127.0.0.1;Port=one;Password=s3cret")]
    [InlineData("Host=127.0.0.1;Password='s3cret;Port=1")]
    public void A_connection_string_that_does_not_parse_is_not_echoed_at_all(string connection)
    {
        var (exit, output, error) = Cli.Run("db", "migrate", "--store", "postgres", "--connection", connection);
        Assert.Equal(1, exit);
        Assert.DoesNotContain("cret", output + error, StringComparison.Ordinal);
        Assert.Contains("does not parse", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_comes_from_the_environment_and_is_not_printed_either()
    {
        var saved = Environment.GetEnvironmentVariable("CREDENCE_CONNECTION");
        Environment.SetEnvironmentVariable("CREDENCE_CONNECTION", Nowhere + ";Password=env-s3cret");
        try
        {
            var (exit, output, error) = Cli.Run("keys", "list", "--store", "postgres");
            Assert.Equal(1, exit);
            Assert.Contains("Database=registry", error, StringComparison.Ordinal);
            Assert.Contains("Password=***", error, StringComparison.Ordinal);
            Assert.DoesNotContain("env-s3cret", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CREDENCE_CONNECTION", saved);
        }
    }

    [Fact]
    public void Store_options_that_do_not_fit_together_are_refused_in_one_line()
    {
        var saved = Environment.GetEnvironmentVariable("CREDENCE_CONNECTION");
        Environment.SetEnvironmentVariable("CREDENCE_CONNECTION", null);
        try
        {
            var missing = Cli.Run("keys", "list", "--store", "postgres");
            Assert.Equal((1, true), (missing.Exit, missing.Err.Contains("--store postgres needs a connection string", StringComparison.Ordinal)));
            var both = Cli.Run("keys", "list", "--store", "postgres", "--db", Path.Combine(folder, "x.db"), "--connection", Nowhere);
            Assert.Equal((1, true), (both.Exit, both.Err.Contains("--db is for --store sqlite", StringComparison.Ordinal)));
            var sqlite = Cli.Run("keys", "list", "--db", Path.Combine(folder, "x.db"), "--connection", Nowhere + ";Password=s3cret");
            Assert.Equal((1, true), (sqlite.Exit, sqlite.Err.Contains("--connection is for --store postgres", StringComparison.Ordinal)));
            Assert.DoesNotContain("s3cret", sqlite.Err, StringComparison.Ordinal);
            var other = Cli.Run("keys", "list", "--store", "mysql");
            Assert.Equal((1, true), (other.Exit, other.Err.Contains("--store 'mysql' is not one of sqlite, postgres", StringComparison.Ordinal)));
            Assert.False(File.Exists(Path.Combine(folder, "x.db")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CREDENCE_CONNECTION", saved);
        }
    }

    [Fact]
    public void A_store_choice_never_shows_its_password_as_text()
    {
        var choice = StoreChoice.Parse("postgres", Nowhere + ";Password=s3cret");
        Assert.DoesNotContain("s3cret", choice.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", choice.Describe(), StringComparison.Ordinal);
        Assert.Contains("Password=***", choice.Describe(), StringComparison.Ordinal);
        Assert.Equal("registry", choice.Name);
    }

    [Fact]
    public void Migrate_runs_alone_on_sqlite_and_prints_the_schema_version()
    {
        var db = Path.Combine(folder, "m.db");
        var first = Cli.Run("db", "migrate", "--db", db);
        Assert.Equal(0, first.Exit);
        Assert.Matches(@"schema version \d+ \(applied 1, 2, ", first.Out);
        var again = Cli.Run("db", "migrate", "--db", db);
        Assert.Matches(@"schema version \d+, already current", again.Out);
    }

    [Fact]
    public void On_a_real_server_an_operator_migrates_activates_registers_imports_verifies_and_checks()
    {
        if (Environment.GetEnvironmentVariable("CREDENCE_TEST_POSTGRES") is not { Length: > 0 })
        {
            // The console collection cannot skip dynamically; without a server this case has nothing to run against.
            return;
        }

        database = "credence_cli_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8'");
        var connection = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CREDENCE_TEST_POSTGRES")) { Database = database, Password = "pw-not-shown" }.ConnectionString;
        string[] store = ["--store", "postgres", "--connection", connection];

        var migrated = Cli.Run(["db", "migrate", .. store]);
        Assert.Equal(0, migrated.Exit);
        var latest = Credence.Registry.Storage.Postgres.PostgresRegistryStore.SchemaVersion;
        Assert.True(latest >= 6, $"the PostgreSQL store has migrations 1 to 6 at least, not {latest}");
        Assert.Contains($"schema version {latest} (applied {string.Join(", ", Enumerable.Range(1, latest))})", migrated.Out, StringComparison.Ordinal);
        Assert.Contains("already current", Cli.Run(["db", "migrate", .. store]).Out, StringComparison.Ordinal);

        Cli.SignOff(Cli.Path("policies", "rongcheng-persons.yaml"), store);
        Assert.Equal(0, Cli.Run(["policy", "activate", Cli.Path("policies", "rongcheng-persons.yaml"), .. store]).Exit);
        Cli.SignOff(Cli.Path("policies", "organisations.yaml"), store);
        Assert.Equal(0, Cli.Run(["policy", "activate", Cli.Path("policies", "organisations.yaml"), .. store]).Exit);
        var sources = File.ReadLines(Cli.Path("samples", "records.ndjson"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(e => e.TryGetProperty("source", out var s) ? s.GetString()! : "court")
            .ToList();
        foreach (var source in sources)
        {
            var types = string.Join(',', source.Select(e => e.GetProperty("type").GetString()).Distinct());
            var created = Cli.Run(["keys", "create", "--role", "source", "--name", source.Key, "--types", types, .. store]);
            Assert.Equal(0, created.Exit);
            var file = Path.Combine(folder, source.Key + ".ndjson");
            File.WriteAllLines(file, source.Select(e => e.GetRawText()));
            var imported = Cli.Run(["import", file, "--source", source.Key, .. store]);
            Assert.Contains($"{source.Count()} accepted", imported.Out, StringComparison.Ordinal);
        }

        var listed = Cli.Run(["keys", "list", .. store]);
        // The sources, and the two operators who signed the policies off.
        Assert.Equal(sources.Count + 2, listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var again = Cli.Run(["import", Path.Combine(folder, sources[0].Key + ".ndjson"), "--source", sources[0].Key, .. store]);
        Assert.Contains("0 accepted", again.Out, StringComparison.Ordinal);

        var verified = Cli.Run(["verify", .. store]);
        Assert.Equal(0, verified.Exit);
        Assert.StartsWith("consistent: ", verified.Out, StringComparison.Ordinal);
        var checkedState = Cli.Run(["check-state", .. store]);
        Assert.Equal(0, checkedState.Exit);

        // The same tampering the SQLite store's verify catches.
        PostgresAdmin.Execute(connection, "UPDATE records SET legal_basis = 'nothing' WHERE id = 1");
        var tampered = Cli.Run(["verify", .. store]);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("no longer matches", tampered.Out, StringComparison.Ordinal);

        foreach (var run in new[] { migrated, listed, verified, tampered, checkedState })
        {
            Assert.DoesNotContain("pw-not-shown", run.Out + run.Err, StringComparison.Ordinal);
        }
    }

    private static void Admin(string sql) => PostgresAdmin.Execute(Environment.GetEnvironmentVariable("CREDENCE_TEST_POSTGRES")!, sql);
}
