using System.Globalization;
using Credence.Core.Intake;
using Credence.Registry;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A registry process that takes intake until it is killed: batches of <see cref="BatchSize"/>
/// lines, several in flight, each acknowledged on standard output (<c>ack N</c>) only once its
/// submission returned, that is once it is durable.
/// </summary>
public static class CrashChild
{
    public const int BatchSize = 10;

    public const string Source = "intermediate-court";

    /// <summary>The record id of line <paramref name="line"/> of batch <paramref name="batch"/>.</summary>
    public static string RecordId(int batch, int line) => $"K{batch}-{line}";

    public static async Task RunAsync(StoreKind kind, string location, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var registry = new CredenceRegistry(StoreFactory.Open(kind, location, clock), clock);
        var court = (await registry.Store.ReadAsync(r => r.FindPrincipal(Source)))!;
        Console.Out.WriteLine("ready");
        var next = -1;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = Interlocked.Increment(ref next);
                var lines = Enumerable.Range(0, BatchSize).Select(j => Line(batch, j)).ToList();
                var result = (await registry.Intake.SubmitBatchAsync(court, lines)).GetValueOrThrow();
                if (result.Accepted != BatchSize)
                {
                    throw new InvalidOperationException($"batch {batch}: {result.Accepted} accepted");
                }

                Console.Out.WriteLine("ack " + batch.ToString(CultureInfo.InvariantCulture));
            }
        }));
        await Task.WhenAll(workers);
    }

    /// <summary>Line <paramref name="line"/> of a batch: a defaulter record, or its performance, about one of a few subjects.</summary>
    public static RecordLine Line(int batch, int line) =>
        line % 4 == 3 ? Lines.Performed(Ids.Person(line), RecordId(batch, line)) : Lines.Defaulter(Ids.Person(line), RecordId(batch, line));
}
