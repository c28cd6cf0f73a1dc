using System.Diagnostics;
using System.Globalization;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry;
using Microsoft.Data.Sqlite;

namespace Credence.Load;

/// <summary>
/// The floor under intake on the embedded store: the same records, inserted straight into the
/// registry's own <c>records</c> table (same schema, both indexes, same pragmas, same durable
/// 10,000-row transactions) and nothing else: no checks, no ledger, no scoring, no listings.
/// </summary>
/// <remarks>
/// Implementation note: this is to intake what the bare Kestrel endpoint is to decisions. It is
/// the most the embedded SQLite store can take in, measured in the same run on the same disk, so
/// the intake figure reads against what the store itself allows. The schema comes from opening a
/// registry on the file (its migrations), not from a copy of the table here.
/// </remarks>
internal static class StoreFloor
{
    public static async Task<(long Rows, TimeSpan Elapsed)> MeasureAsync(string path, IEnumerable<(string Source, RecordLine Line)> records, DateTimeOffset now)
    {
        await using (CredenceRegistry.Open(path, TimeProvider.System))
        {
            // Opening applies the migrations; the floor writes into the tables they made.
        }

        var rows = records.Select(r => Row(r.Source, r.Line, now)).ToList();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        foreach (var pragma in new[] { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA cache_size = -65536" })
        {
            using var p = connection.CreateCommand();
            p.CommandText = pragma;
            p.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO records (source, source_record_id, version, action, subject, type, area, occurred_at, reported_at, legal_basis, quantity, note) VALUES ($1, $2, $3, 0, $4, $5, $6, $7, $8, $9, $10, $11)";
        var parameters = Enumerable.Range(1, 11).Select(i => insert.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        insert.Prepare();
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(10_000))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            foreach (var row in chunk)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return (rows.Count, watch.Elapsed);
    }

    private static object?[] Row(string source, RecordLine line, DateTimeOffset now) =>
    [
        source, line.SourceRecordId, line.Version ?? 1, line.Subject, line.Type, (int)Enum.Parse<Area>(line.Area!, ignoreCase: true),
        DateTimeOffset.Parse(line.Occurred!, CultureInfo.InvariantCulture).UtcTicks, now.UtcTicks,
        line.LegalBasis, line.Quantity?.ToString(CultureInfo.InvariantCulture), line.Note,
    ];
}
