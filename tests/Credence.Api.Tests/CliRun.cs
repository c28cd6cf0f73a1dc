using Credence.App;

namespace Credence.Api.Tests;

/// <summary>
/// Runs the <c>credence</c> command in-process with its standard output and error captured. Tests
/// that use it belong to <see cref="ConsoleCollection"/>, since the console is one for the process.
/// </summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Err) Run(TimeProvider clock, params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = Program.Run(args, clock);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
