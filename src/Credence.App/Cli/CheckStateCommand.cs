using System.CommandLine;
using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence check-state --db PATH [--repair]</c>: finds every subject whose stored state (score,
/// grade, lists, review time, listing rows and so the public lists) differs from a fresh assessment
/// at the state's own instant, one line each, exit 1 if any; with <c>--repair</c>, re-derives each
/// through the registry's writer (each repair logged on the subject, in the ledger, with its
/// notices) and exits 0 once a second check finds nothing.
/// </summary>
internal static class CheckStateCommand
{
    public static Command Create(TimeProvider clock)
    {
        var db = new Option<string>("--db") { Description = "The registry's SQLite database file", Required = true };
        var repair = new Option<bool>("--repair") { Description = "Re-derive every damaged subject from its records, ledgered, and check again" };
        var command = new Command("check-state", "Compare every subject's stored state with a fresh assessment at its instant; --repair re-derives the damaged ones") { db, repair };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                return KeysCommand.Fail($"{path}: file not found");
            }

            await using var registry = CredenceRegistry.Open(path, clock);
            var by = Principal.LocalOperator();
            if (parse.GetValue(repair))
            {
                var repaired = await registry.State.RepairAsync(by, cancellationToken);
                if (!repaired.IsOk)
                {
                    return KeysCommand.Fail(repaired.Problem.ToString());
                }

                foreach (var damage in repaired.Value!)
                {
                    Console.Out.WriteLine($"repaired {damage}");
                }

                Console.Out.WriteLine($"{repaired.Value!.Count} subjects repaired");
            }

            var found = await registry.State.CheckAsync(by, cancellationToken);
            if (!found.IsOk)
            {
                return KeysCommand.Fail(found.Problem.ToString());
            }

            foreach (var damage in found.Value!)
            {
                Console.Out.WriteLine(damage.ToString());
            }

            Console.Out.WriteLine(found.Value!.Count == 0
                ? "consistent: every stored state is a fresh assessment at its instant"
                : $"DAMAGED: {found.Value.Count} subjects' stored state differs from a fresh assessment; repair with: credence check-state --db {path} --repair");
            return found.Value.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }
}
