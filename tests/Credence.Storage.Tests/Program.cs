using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests;

/// <summary>
/// The entry point of this assembly when a crash test runs it as a child process
/// (<c>dotnet Credence.Storage.Tests.dll crash-intake KIND LOCATION START-TICKS</c>): see <see cref="CrashChild"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["crash-intake", var kind, var location, var ticks])
        {
            await CrashChild.RunAsync(Enum.Parse<StoreKind>(kind), location, new DateTimeOffset(long.Parse(ticks, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero));
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: Credence.Storage.Tests crash-intake KIND LOCATION START-TICKS");
        return 2;
    }
}
