using System.CommandLine;
using Credence.Registry;
using Credence.Registry.Storage;
using Microsoft.Extensions.Configuration;

namespace Credence.App.Cli;

/// <summary>
/// The options that choose a command's store: <c>--store sqlite|postgres</c> (SQLite by default),
/// <c>--db PATH</c> for SQLite, <c>--connection "Host=…"</c> for PostgreSQL. The connection string may
/// also come from configuration (<c>Credence:Connection</c> in <c>appsettings.json</c> or the
/// environment as <c>Credence__Connection</c>) or from <c>CREDENCE_CONNECTION</c>, in that order after
/// the option, so it need not be typed where a shell history keeps it.
/// </summary>
/// <remarks>
/// Implementation note: a connection string is never printed with its password: every message here
/// shows <see cref="StoreChoice.Describe"/>, and a store that cannot be opened says why in one line
/// that the store itself has scrubbed (<see cref="StoreUnavailableException"/>).
/// </remarks>
internal sealed class StoreOptions
{
    public const string ConnectionVariable = "CREDENCE_CONNECTION";

    public const string ConnectionSetting = "Credence:Connection";

    private StoreOptions(Option<string> db)
    {
        Db = db;
        Store = new Option<string>("--store") { Description = $"Where the registry is kept: {string.Join(" or ", StoreChoice.Kinds)}", DefaultValueFactory = _ => StoreChoice.Sqlite };
        Connection = new Option<string?>("--connection")
        {
            Description = $"PostgreSQL connection string for --store postgres (else {ConnectionSetting} in configuration, else {ConnectionVariable}); never printed with its password",
        };
    }

    public Option<string> Db { get; }

    public Option<string> Store { get; }

    public Option<string?> Connection { get; }

    /// <summary>The options with a SQLite <c>--db</c> that defaults to <paramref name="defaultDb"/>.</summary>
    public static StoreOptions WithDefault(string description, string defaultDb) =>
        new(new Option<string>("--db") { Description = description, DefaultValueFactory = _ => defaultDb });

    /// <summary>The options with a SQLite <c>--db</c> that must be given when the store is SQLite.</summary>
    public static StoreOptions WithoutDefault(string description) => new(new Option<string>("--db") { Description = description + " (with --store sqlite)" });

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Store);
        command.Options.Add(Connection);
    }

    /// <summary>The store the command line chose, or the one-line reason it chose none.</summary>
    public (StoreChoice? Choice, string? Error) Resolve(ParseResult parse)
    {
        var kind = (parse.GetValue(Store) ?? StoreChoice.Sqlite).Trim().ToLowerInvariant();
        var connection = parse.GetValue(Connection);
        var dbGiven = parse.GetResult(Db) is { Implicit: false };
        switch (kind)
        {
            case StoreChoice.Sqlite:
                if (connection is not null)
                {
                    return (null, "--connection is for --store postgres; a SQLite registry is a file (--db)");
                }

                return parse.GetValue(Db) is { Length: > 0 } path ? (StoreChoice.File(path), null) : (null, "--db: the registry's SQLite database file is required");
            case StoreChoice.Postgres:
                if (dbGiven)
                {
                    return (null, "--db is for --store sqlite; a PostgreSQL registry is named by --connection");
                }

                connection ??= Configured();
                return string.IsNullOrWhiteSpace(connection)
                    ? (null, $"--store postgres needs a connection string: --connection \"Host=…;Database=…\", {ConnectionSetting} in configuration, or {ConnectionVariable}")
                    : (StoreChoice.Database(connection), null);
            default:
                return (null, $"--store '{parse.GetValue(Store)}' is not one of {string.Join(", ", StoreChoice.Kinds)}");
        }
    }

    /// <summary>Opens the registry in <paramref name="choice"/>; null, with the reason printed in one line, when the store cannot be opened.</summary>
    /// <param name="batching">How the ledger's appends are batched; the defaults when null.</param>
    public static CredenceRegistry? Open(StoreChoice choice, TimeProvider clock, string command, Credence.Registry.Ledger.LedgerBatching? batching = null)
    {
        try
        {
            // On a shared store a cluster may be serving: the command's revocations and activations wait out the silos' caches too.
            return CredenceRegistry.Open(choice, clock, batching: batching, peers: choice.IsShared);
        }
        catch (StoreUnavailableException ex)
        {
            Console.Error.WriteLine($"{command}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The connection string from configuration, else the environment variable, else null.</summary>
    private static string? Configured()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration[ConnectionSetting] is { Length: > 0 } configured ? configured : Environment.GetEnvironmentVariable(ConnectionVariable);
    }
}
