using System.CommandLine;
using Credence.App.Cli;

namespace Credence.App;

/// <summary>The <c>credence</c> executable.</summary>
public static class Program
{
    /// <summary>Runs a command line and returns its exit code (0 ok, 1 invalid or refused input, 2 usage).</summary>
    public static int Main(string[] args) => Run(args, TimeProvider.System);

    /// <summary>Runs with an injected clock (tests pass a fixed one).</summary>
    public static int Run(string[] args, TimeProvider clock)
    {
        var policy = PolicyCommand.Create();
        policy.Subcommands.Add(PolicyActivateCommand.Create(clock));
        policy.Subcommands.Add(PolicySignOffCommand.Create(clock));
        var root = new RootCommand("Credence: a social credit registry with due process built in")
        {
            IdCommand.Create(clock),
            policy,
            ScoreCommand.Create(clock),
            SimulateCommand.Create(clock),
            LedgerCommand.Keygen(),
            LedgerCommand.VerifyReceipt(),
            VerifyCommand.Create(),
            CheckStateCommand.Create(clock),
            FairnessCommand.Create(clock),
            KeysCommand.Create(clock),
            ImportCommand.Create(clock),
            ServeCommand.Create(clock),
            ClusterCommand.Create(clock),
            DbCommand.Create(clock),
            DemoCommand.Create(clock),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"usage: {error.Message}");
            }

            return ExitCodes.Usage;
        }

        // The server handles Ctrl+C and SIGTERM itself (graceful stop, then the writer drains), so
        // the command line does not install its own handler with a termination timeout.
        return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
