using System.Diagnostics;
using Credence.Core.Intake;
using Credence.Demo;
using Credence.Registry;
using Credence.Registry.Intake;
using Credence.Registry.Access;

namespace Credence.Cluster.Bench;

/// <summary>
/// Loads a generated city through the registry's own bulk intake in this process
/// (<c>IntakeService.SubmitInOrderAsync</c>, what <c>credence import</c> and the demo use): every
/// record checked, ledgered and its subject re-scored, durable before it is acknowledged. The city is
/// streamed: each source's lines are cut into chunks as they are generated, and a source's chunks are
/// submitted (up to four in flight) while the other sources' are still being generated, so memory
/// holds a few chunks per source, not the city's ten million records.
/// </summary>
internal static class CityIntake
{
    public static async Task<(long Accepted, long Lines, TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(CredenceRegistry registry, City city, IReadOnlyDictionary<string, Principal> sources, int batch, Action<long> progress)
    {
        var pending = new Dictionary<string, List<RecordLine>>(StringComparer.Ordinal);
        var queued = new Dictionary<string, List<IReadOnlyList<NumberedLine>>>(StringComparer.Ordinal);
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        long accepted = 0, lines = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        async Task Submit(string source, Task before, List<IReadOnlyList<NumberedLine>> chunks)
        {
            await before;
            (await registry.Intake.SubmitInOrderAsync(sources[source], chunks, r => progress(Interlocked.Add(ref accepted, r.Accepted)))).GetValueOrThrow();
        }

        void Flush(string source, bool all)
        {
            var chunks = queued.GetValueOrDefault(source) ?? [];
            if (all && pending.TryGetValue(source, out var rest) && rest.Count > 0)
            {
                chunks.Add(NumberedLine.All(rest));
                pending[source] = [];
            }

            if (chunks.Count == 0)
            {
                return;
            }

            // A source's submissions stay in its order: each waits for the one before it.
            running[source] = Submit(source, running.GetValueOrDefault(source) ?? Task.CompletedTask, chunks);
            queued[source] = [];
        }

        foreach (var record in city.Records())
        {
            lines++;
            if (!pending.TryGetValue(record.SourceId, out var list))
            {
                pending[record.SourceId] = list = new List<RecordLine>(batch);
            }

            list.Add(record.Line);
            if (list.Count == batch)
            {
                (queued.TryGetValue(record.SourceId, out var q) ? q : queued[record.SourceId] = []).Add(NumberedLine.All(list));
                pending[record.SourceId] = new List<RecordLine>(batch);
                if (queued[record.SourceId].Count == 4)
                {
                    // Do not run more than one group ahead per source: wait for this source's previous group.
                    if (running.GetValueOrDefault(record.SourceId) is { } previous)
                    {
                        await previous;
                    }

                    Flush(record.SourceId, all: false);
                }
            }
        }

        foreach (var source in pending.Keys.Union(queued.Keys).ToList())
        {
            Flush(source, all: true);
        }

        await Task.WhenAll(running.Values);
        clock.Stop();
        return (accepted, lines, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
