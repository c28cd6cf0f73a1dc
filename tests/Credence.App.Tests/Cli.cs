using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Credence.App.Tests;

/// <summary>Runs the credence command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (output, error) = (new StringWriter(new StringBuilder()), new StringWriter(new StringBuilder()));
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exit = Program.Run(args, new FakeTimeProvider(Now));
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    public static string TempFile(string content, string extension = ".ndjson")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"credence-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
