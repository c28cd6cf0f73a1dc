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
        var db = StoreOptions.WithoutDefault("The registry's SQLite database file");
        var repair = new Option<bool>("--repair") { Description = "Re-derive every damaged subject from its records, ledgered, and check again" };
        var command = new Command("check-state", "Compare every subject's stored state with a fresh assessment at its instant; --repair re-derives the damaged ones") { repair };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (choice, error) = db.Resolve(parse);
            if (choice is null)
            {
                return KeysCommand.Fail($"check-state: {error}");
            }

            if (choice.IsFile && !File.Exists(choice.Target))
            {
                return KeysCommand.Fail($"{choice.Target}: file not found");
            }

            var path = choice.IsFile ? choice.Target : choice.Describe();
            if (StoreOptions.Open(choice, clock, "check-state") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
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
                : $"DAMAGED: {found.Value.Count} subjects' stored state differs from a fresh assessment; repair with: credence check-state {(choice.IsFile ? $"--db {path}" : "--store postgres")} --repair");
            return found.Value.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }
}
