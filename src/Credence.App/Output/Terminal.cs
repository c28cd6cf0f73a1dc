using Spectre.Console;

namespace Credence.App.Output;

/// <summary>Consoles bound to the current standard streams (so redirection, and tests, see what is written).</summary>
internal static class Terminal
{
    public static IAnsiConsole Out() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public static IAnsiConsole Error() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
