using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>How to run the registry's HTTP API.</summary>
/// <param name="DatabasePath">The SQLite database file (created if missing), unless <see cref="Store"/> chooses another store.</param>
/// <param name="Urls">Where Kestrel listens; loopback by default.</param>
/// <param name="Clock">The registry's clock (tests pass a manual one).</param>
/// <param name="MinimumLogLevel">The least severe log level written.</param>
/// <param name="JsonLogs">Structured JSON log lines (true) or readable single lines.</param>
internal sealed record RegistryServerOptions(
    string DatabasePath,
    string Urls = RegistryServerOptions.DefaultUrls,
    TimeProvider? Clock = null,
    LogLevel MinimumLogLevel = LogLevel.Information,
    bool JsonLogs = true)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Largest body of a single-record or decision request.</summary>
    public long SingleBodyLimit { get; init; } = 1 << 20;

    /// <summary>Largest body of a batch or CSV upload.</summary>
    public long BatchBodyLimit { get; init; } = 64L << 20;

    /// <summary>The operator's checkpoint signing key file; null for <c>&lt;db&gt;.ledger.key</c> (created at first start when missing).</summary>
    public string? LedgerKeyPath { get; init; }

    /// <summary>How often the registry signs a checkpoint when the ledger grew (<c>--checkpoint-interval</c>); receipts wait for it.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The store to serve (<c>--store</c>, <c>--connection</c>); null for the SQLite file <see cref="DatabasePath"/>.</summary>
    public Credence.Registry.Storage.StoreChoice? Store { get; init; }

    /// <summary>The store served: <see cref="Store"/>, else the SQLite file at <see cref="DatabasePath"/>.</summary>
    public Credence.Registry.Storage.StoreChoice Choice => Store ?? Credence.Registry.Storage.StoreChoice.File(DatabasePath);

    /// <summary>How the ledger batches appends; null reads configuration section <c>Credence:Ledger</c> (see <see cref="LedgerBatchSettings"/>).</summary>
    public Credence.Registry.Ledger.LedgerBatching? LedgerBatching { get; init; }

    /// <summary>The Orleans silo hosted beside Kestrel: alone on loopback by default, or a member of a cluster on the shared store.</summary>
    public SiloOptions Silo { get; init; } = SiloOptions.Alone;

    /// <summary>The per-client abuse limits; configuration section <c>Credence:RateLimits</c> overrides them.</summary>
    public ApiRateLimits RateLimits { get; init; } = new();
}
