using System.CommandLine;
using Credence.Core.Policies.Loading;

namespace Credence.App.Cli;

/// <summary><c>credence policy validate FILE...</c>: loads and validates policies, printing every problem with its position.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Policy YAML files", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Validate policies against the language, the promises and their jurisdiction profile") { files };
        validate.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (!File.Exists(file))
                {
                    Console.Error.WriteLine($"{file}: file not found");
                    failed++;
                    continue;
                }

                PolicyLoadResult result;
                try
                {
                    result = PolicyLoader.LoadFile(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"{file}: cannot be read: {e.Message}");
                    failed++;
                    continue;
                }

                if (result.Policy is { } policy && result.IsValid)
                {
                    Console.Out.WriteLine($"{file}: valid: {policy.VersionTag} ({policy.Subjects.ToString().ToLowerInvariant()}, {PolicyVocabulary.NameOf(policy.Profile)}, {policy.RecordTypes.Length} record types, {policy.Lists.Length} lists, {policy.Measures.Length} measures)");
                }
                else
                {
                    failed++;
                    foreach (var problem in result.Problems)
                    {
                        Console.Out.WriteLine(problem.ToString());
                    }
                }
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return new Command("policy", "Policies") { validate };
    }
}
