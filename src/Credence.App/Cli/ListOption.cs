using System.CommandLine;

namespace Credence.App.Cli;

/// <summary>Options that take several values, written as <c>--types a,b</c> or <c>--types a --types b</c>.</summary>
internal static class ListOption
{
    public static Option<string[]> Create(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };

    public static string[] Values(ParseResult parse, Option<string[]> option) =>
        [.. (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
