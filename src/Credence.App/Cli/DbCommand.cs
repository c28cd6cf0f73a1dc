using System.CommandLine;
using Credence.Registry.Storage;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence db migrate [--store postgres --connection …]</c>: brings a registry's schema up to date
/// and prints its version, without serving or changing anything else (what an operator runs before
/// starting a new version of the program against a production database).
/// </summary>
internal static class DbCommand
{
    public static Command Create(TimeProvider clock)
    {
        var store = StoreOptions.WithDefault("SQLite database file (created when missing)", "credence.db");
        var migrate = new Command("migrate", "Apply the schema migrations a registry has not seen and print its schema version");
        store.AddTo(migrate);
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var (choice, error) = store.Resolve(parse);
            if (choice is null)
            {
                return KeysCommand.Fail($"db migrate: {error}");
            }

            try
            {
                var (version, applied) = await choice.MigrateAsync(clock, cancellationToken);
                Console.Out.WriteLine(applied.Count == 0
                    ? $"{choice}: schema version {version}, already current"
                    : $"{choice}: schema version {version} (applied {string.Join(", ", applied)})");
                return ExitCodes.Ok;
            }
            catch (StoreUnavailableException ex)
            {
                return KeysCommand.Fail($"db migrate: {ex.Message}");
            }
        });
        return new Command("db", "The registry's database") { migrate };
    }
}
