using System.Diagnostics;
using System.Diagnostics.Metrics;
using Credence.Registry.Intake;

namespace Credence.Registry.Telemetry;

/// <summary>
/// The registry's own meter and activity source, both named <see cref="Name"/>: records taken in,
/// decisions and their latency, ledger batches. The host exports them (OpenTelemetry: the
/// Prometheus endpoint, OTLP when configured); nothing here depends on whether anyone listens.
/// </summary>
/// <remarks>
/// Implementation note: no tag ever carries a subject, a key, a record id or a purpose. Tags are
/// the source's registered name, a fate, a measure the policy knows and an outcome: few values, all
/// of them public in the policies and the principals list, so the series stay bounded whatever a
/// caller sends (an unknown measure is counted under the outcome <c>refused</c> with no measure).
/// A measurement costs a few nanoseconds when no listener is attached.
/// </remarks>
public static class RegistryTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Credence.Registry";

    /// <summary>The tag value for a measure that was not decided (refused before the policy answered).</summary>
    public const string NoMeasure = "-";

    private static readonly Meter Meter = new(Name, "1.0");

    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        "credence.intake.records", "{record}", "Record lines taken in, by source and fate (accepted, duplicate, rejected), counted once durable.");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "credence.decisions", "{decision}", "Decisions asked for, by measure and outcome (allowed, denied, not-granted, or refused before deciding).");

    private static readonly Histogram<double> DecisionDuration = Meter.CreateHistogram(
        "credence.decision.duration", "s", "Time from a decision's request to its durable, ledgered answer.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly Histogram<long> BatchEntries = Meter.CreateHistogram(
        "credence.ledger.batch.size", "{entry}", "Ledger entries committed in one batch (one durable transaction of the writer).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384] });

    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram(
        "credence.ledger.batch.duration", "s", "Time from a batch's first unit to its durable commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>The registry's spans (a decision, an intake batch), children of the request's.</summary>
    public static ActivitySource Activities { get; } = new(Name, "1.0");

    /// <summary>Counts a batch's lines by fate, once its accepted lines are durable.</summary>
    public static void Taken(string source, IReadOnlyList<RecordFate> fates)
    {
        ArgumentNullException.ThrowIfNull(fates);
        if (!Records.Enabled)
        {
            return;
        }

        long accepted = 0, duplicate = 0, rejected = 0;
        foreach (var fate in fates)
        {
            switch (fate.Fate)
            {
                case FateKind.Accepted: accepted++; break;
                case FateKind.Duplicate: duplicate++; break;
                default: rejected++; break;
            }
        }

        Add(source, "accepted", accepted);
        Add(source, "duplicate", duplicate);
        Add(source, "rejected", rejected);

        static void Add(string source, string fate, long count)
        {
            if (count > 0)
            {
                Records.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("fate", fate));
            }
        }
    }

    /// <summary>Counts one decision (or its refusal) and its latency.</summary>
    public static void Decided(string measure, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "measure", measure }, { "outcome", outcome } };
        Decisions.Add(1, tags);
        DecisionDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records one committed batch of the writer: its ledger entries and how long it took.</summary>
    public static void Batch(long entries, TimeSpan elapsed)
    {
        BatchEntries.Record(entries);
        BatchDuration.Record(elapsed.TotalSeconds);
    }
}
