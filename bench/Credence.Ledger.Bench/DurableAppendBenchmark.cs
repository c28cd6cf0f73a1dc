using System.Buffers.Binary;
using System.Diagnostics;
using Credence.Ledger.Storage;

namespace Credence.Ledger.Bench;

/// <summary>Durable appends to a <see cref="FileLedger"/> in a temp directory: many concurrent appenders, then the batch API.</summary>
internal static class DurableAppendBenchmark
{
    private const int EntryLength = 200;

    public static async Task RunAsync(bool quick)
    {
        var total = quick ? 400_000 : 1_000_000;
        foreach (var appenders in quick ? new[] { 1024 } : new[] { 256, 1024, 4096 })
        {
            await ConcurrentAsync(total, appenders).ConfigureAwait(false);
        }

        Batches(quick ? 200_000 : 1_000_000, 1000);
    }

    private static async Task ConcurrentAsync(int total, int appenders)
    {
        var directory = TempDirectory();
        try
        {
            var latencies = new long[total];
            var next = -1L;
            var clock = Stopwatch.StartNew();
            LedgerStatistics statistics;
            await using (var ledger = FileLedger.Open(directory))
            {
                var workers = Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
                {
                    long i;
                    while ((i = Interlocked.Increment(ref next)) < total)
                    {
                        var entry = Entry(i);
                        var start = Stopwatch.GetTimestamp();
                        await ledger.AppendAsync(entry).ConfigureAwait(false);
                        latencies[i] = Stopwatch.GetTimestamp() - start;
                    }
                })).ToArray();
                await Task.WhenAll(workers).ConfigureAwait(false);
                clock.Stop();
                statistics = ledger.Statistics;
            }

            Array.Sort(latencies);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine($"Durable appends, {appenders} concurrent appenders, {total:N0} entries of {EntryLength} bytes:");
            Console.WriteLine($"  {total / seconds:N0} entries/s ({seconds:F2} s), {statistics.Commits:N0} group commits, {statistics.Fsyncs:N0} fsyncs, {(double)total / statistics.Commits:F0} entries per commit");
            Console.WriteLine($"  ack latency p50 {Ms(latencies, 0.50)} ms, p99 {Ms(latencies, 0.99)} ms, max {Ms(latencies, 1.0)} ms");
            Reopen(directory, total);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Batches(int total, int batchSize)
    {
        var directory = TempDirectory();
        try
        {
            var clock = Stopwatch.StartNew();
            LedgerStatistics statistics;
            using (var ledger = FileLedger.Open(directory))
            {
                var batch = new ReadOnlyMemory<byte>[batchSize];
                for (long i = 0; i < total; i += batchSize)
                {
                    for (var k = 0; k < batchSize; k++)
                    {
                        batch[k] = Entry(i + k);
                    }

                    ledger.AppendBatch(batch);
                }

                clock.Stop();
                statistics = ledger.Statistics;
            }

            Console.WriteLine();
            Console.WriteLine($"Durable appends, one caller, AppendBatch of {batchSize}, {total:N0} entries:");
            Console.WriteLine($"  {total / clock.Elapsed.TotalSeconds:N0} entries/s ({clock.Elapsed.TotalSeconds:F2} s), {statistics.Commits:N0} commits, {statistics.Fsyncs:N0} fsyncs");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Reopen(string directory, int expected)
    {
        var clock = Stopwatch.StartNew();
        using var ledger = FileLedger.Open(directory);
        clock.Stop();
        if (ledger.Head.Size != expected)
        {
            throw new InvalidOperationException($"Reopened with {ledger.Head.Size} entries, expected {expected}.");
        }

        Console.WriteLine($"  reopened in {clock.Elapsed.TotalMilliseconds:F1} ms with all {expected:N0} entries, root {ledger.Head.RootHash.ToHex()[..16]}…");
    }

    private static byte[] Entry(long i)
    {
        var entry = new byte[EntryLength];
        entry.AsSpan().Fill((byte)'r');
        BinaryPrimitives.WriteInt64LittleEndian(entry, i);
        return entry;
    }

    private static string Ms(long[] sorted, double quantile)
    {
        var index = Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length));
        return (sorted[index] * 1000.0 / Stopwatch.Frequency).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "credence-ledger-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
