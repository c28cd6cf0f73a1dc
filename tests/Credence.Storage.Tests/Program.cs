namespace Credence.Storage.Tests;

/// <summary>The entry point of this assembly when a crash test runs it as a child process.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => Task.FromResult(args.Length == 0 ? 2 : 2);
}
