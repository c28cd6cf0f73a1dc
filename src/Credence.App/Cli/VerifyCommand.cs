using System.CommandLine;
using Credence.Ledger.Checkpoints;
using Credence.Registry.Ledger;
using Credence.Registry.Storage;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence verify --db PATH [--key PUBKEY]</c>: audits a registry database against its own
/// ledger offline and prints every mismatch with its location; exit 1 on any.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The registry's SQLite database file", Required = true };
        var key = new Option<string?>("--key") { Description = "The checkpoint verifier key (text, or a file holding it); default <db>.ledger.key.pub when present" };
        var command = new Command("verify", "Check a registry database against its ledger: entries, tree, checkpoints, and that every record version, decision and access event has its entry") { db, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: file not found");
                return ExitCodes.Invalid;
            }

            NoteVerifierKey? verifier;
            try
            {
                verifier = Key(parse.GetValue(key), path);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"--key: {ex.Message}");
                return ExitCodes.Invalid;
            }

            LedgerAuditReport report;
            try
            {
                report = await LedgerAudit.RunAsync(StoreChoice.File(path), verifier, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                Console.Error.WriteLine($"{path}: cannot audit: {ex.Message}");
                return ExitCodes.Invalid;
            }

            foreach (var problem in report.Problems)
            {
                Console.Out.WriteLine(problem);
            }

            var signatures = report.SignaturesChecked ? "signatures checked" : "signatures NOT checked (no verifier key)";
            Console.Out.WriteLine(report.IsConsistent
                ? $"consistent: {report.Entries} entries, {report.Checkpoints} checkpoints, {signatures}"
                : $"INCONSISTENT: {report.Problems.Count} problems in {report.Entries} entries and {report.Checkpoints} checkpoints, {signatures}");
            return report.IsConsistent ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }

    private static NoteVerifierKey? Key(string? given, string databasePath)
    {
        var text = given;
        if (text is null)
        {
            var beside = Path.GetFullPath(databasePath) + ".ledger.key.pub";
            text = File.Exists(beside) ? beside : null;
        }

        if (text is not null && File.Exists(text))
        {
            text = File.ReadAllText(text).Trim();
        }

        return text is null ? null : NoteVerifierKey.Parse(text);
    }
}
