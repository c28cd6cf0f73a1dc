using System.CommandLine;
using Credence.Core.Identifiers;

namespace Credence.App.Cli;

/// <summary><c>credence id check ID...</c>: the kind and validity of each identifier.</summary>
internal static class IdCommand
{
    public static Command Create(TimeProvider clock)
    {
        var ids = new Argument<string[]>("ids") { Description = "Resident identity numbers or Unified Social Credit Codes", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Check identifiers: prints the kind of each valid one and the broken rule of each invalid one; exit 1 if any is invalid") { ids };
        check.SetAction(parse =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var invalid = 0;
            foreach (var text in parse.GetValue(ids) ?? [])
            {
                var result = SubjectIdentifiers.Check(text, today);
                if (result.IsValid)
                {
                    var id = result.Id!.Value;
                    var born = id.BirthDate is { } d ? $" born {d:yyyy-MM-dd}" : string.Empty;
                    Console.Out.WriteLine($"{text}: valid {id.Kind.ToString().ToLowerInvariant()}{born}");
                }
                else
                {
                    invalid++;
                    Console.Out.WriteLine($"{text}: invalid: {result.Rule}: {result.Reason}");
                }
            }

            return invalid == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return new Command("id", "Subject identifiers") { check };
    }
}
