namespace Credence.App.Cli;

/// <summary>The executable's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was valid and done.</summary>
    public const int Ok = 0;

    /// <summary>Invalid or refused input: one line per problem was printed.</summary>
    public const int Invalid = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
