namespace Credence.Registry.Ledger;

/// <summary>
/// How the ledger's sequencer batches appends (configuration section <c>Credence:Ledger</c>:
/// <c>BatchSize</c>, <c>BatchInterval</c>): a batch closes once it holds <see cref="BatchSize"/>
/// entries, or, under load, once it has been open <see cref="BatchInterval"/>; every write in it is
/// acknowledged when the batch, with its rows, is durable. See README.md in this folder.
/// </summary>
public sealed record LedgerBatching
{
    /// <summary>The configuration section the batching is read from.</summary>
    public const string Section = "Credence:Ledger";

    public const int DefaultBatchSize = 256;

    public const int MaxBatchSize = 65_536;

    /// <summary>The default interval, in the spirit of Tessera's: a few milliseconds.</summary>
    public static readonly TimeSpan DefaultBatchInterval = TimeSpan.FromMilliseconds(2);

    public static readonly TimeSpan MaxBatchInterval = TimeSpan.FromSeconds(1);

    /// <summary>256 entries, 2 ms.</summary>
    public static LedgerBatching Default { get; } = new();

    /// <summary>Entries a batch holds at most before it is committed (a unit of work is never split: one with more entries is a batch of its own). 1 to 65,536; default 256.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>How long a batch that opened with units already waiting stays open for more arrivals; zero never waits. 0 to 1 s; default 2 ms.</summary>
    public TimeSpan BatchInterval { get; init; } = DefaultBatchInterval;

    /// <summary>This batching, checked.</summary>
    /// <exception cref="ArgumentException">A value is out of its range (the message names its key).</exception>
    public LedgerBatching Checked()
    {
        if (BatchSize is < 1 or > MaxBatchSize)
        {
            throw new ArgumentException($"{Section}:BatchSize must be 1 to {MaxBatchSize}; got {BatchSize}");
        }

        if (BatchInterval < TimeSpan.Zero || BatchInterval > MaxBatchInterval)
        {
            throw new ArgumentException($"{Section}:BatchInterval must be 00:00:00 to 00:00:01; got {BatchInterval:c}");
        }

        return this;
    }
}
