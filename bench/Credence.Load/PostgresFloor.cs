using System.Diagnostics;
using System.Globalization;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry;
using Credence.Registry.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Credence.Load;

/// <summary>
/// The floor under intake on the PostgreSQL store: the same records, written straight into the
/// registry's own <c>records</c> table (its schema and indexes from the registry's migrations) by
/// binary COPY, in durable transactions of the same size as intake's batches, and nothing else: no
/// checks, no ledger, no scoring, no listings.
/// </summary>
/// <remarks>
/// Implementation note: binary COPY is the fastest way PostgreSQL takes rows in from a client, so
/// this is the most the table with its indexes (the idempotency key and the index by subject)
/// takes in on this server and disk, the counterpart of the SQLite floor. It runs in a database of
/// its own on the same cluster as the registry's, migrated by opening a registry on it.
/// </remarks>
internal static class PostgresFloor
{
    public static async Task<(long Rows, TimeSpan Elapsed)> MeasureAsync(string connectionString, IEnumerable<(string Source, RecordLine Line)> records, DateTimeOffset now, int batch)
    {
        await using (CredenceRegistry.Open(StoreChoice.Database(connectionString), TimeProvider.System))
        {
            // Opening applies the migrations; the floor writes into the tables they made.
        }

        var rows = records.Select(r => Row(r.Source, r.Line, now)).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(batch))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY records (source, source_record_id, version, action, subject, type, area, occurred_at, reported_at, legal_basis, quantity, note) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in chunk)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(row.Source, NpgsqlDbType.Text);
                    await copy.WriteAsync(row.SourceRecordId, NpgsqlDbType.Text);
                    await copy.WriteAsync(row.Version, NpgsqlDbType.Integer);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer);
                    await copy.WriteAsync(row.Subject, NpgsqlDbType.Text);
                    await copy.WriteAsync(row.Type, NpgsqlDbType.Text);
                    await copy.WriteAsync(row.Area, NpgsqlDbType.Integer);
                    await copy.WriteAsync(row.OccurredAt, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(row.ReportedAt, NpgsqlDbType.Bigint);
                    await Nullable(copy, row.LegalBasis);
                    await Nullable(copy, row.Quantity);
                    await Nullable(copy, row.Note);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
        }

        return (rows.Count, watch.Elapsed);
    }

    private static Task Nullable(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    private sealed record FloorRow(string Source, string SourceRecordId, int Version, string Subject, string Type, int Area, long OccurredAt, long ReportedAt, string? LegalBasis, string? Quantity, string? Note);

    private static FloorRow Row(string source, RecordLine line, DateTimeOffset now) => new(
        source, line.SourceRecordId!, line.Version ?? 1, line.Subject!, line.Type!, (int)Enum.Parse<Area>(line.Area!, ignoreCase: true),
        DateTimeOffset.Parse(line.Occurred!, CultureInfo.InvariantCulture).UtcTicks, now.UtcTicks,
        line.LegalBasis, line.Quantity?.ToString(CultureInfo.InvariantCulture), line.Note);
}
