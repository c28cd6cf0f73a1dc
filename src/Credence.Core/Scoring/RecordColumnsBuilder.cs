using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Core.Scoring;

/// <summary>
/// Collects subjects and their record versions into <see cref="RecordColumns"/>: either whole
/// <see cref="SubjectFile"/>s (<see cref="Add(SubjectFile)"/>), or, for a loader that never builds
/// record objects, one subject and then its versions in the file's order (source, source record id,
/// version), each with what the file would say of it.
/// </summary>
public sealed class RecordColumnsBuilder
{
    private readonly Dictionary<string, int> typeCodes = new(StringComparer.Ordinal);
    private readonly List<string> typeNames = [];
    private readonly List<int> first = [];
    private readonly List<SubjectKind> kinds = [];
    private readonly List<long> born = [];
    private VersionRow[] rows;
    private int count;
    private int position;

    /// <summary>Starts an empty set, with room for <paramref name="versions"/> versions.</summary>
    public RecordColumnsBuilder(int versions = 1024)
    {
        rows = new VersionRow[Math.Max(versions, 16)];
    }

    /// <summary>Starts the next subject; the versions added after it are its own.</summary>
    public void AddSubject(SubjectKind kind, DateOnly? birthDate)
    {
        first.Add(count);
        kinds.Add(kind);
        born.Add(birthDate is { } b ? new DateTimeOffset(b.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks : RecordColumns.NoBirthDate);
        position = 0;
    }

    /// <summary>
    /// Adds a version of the current subject's file. <paramref name="knownUntil"/> is when the next
    /// version of the same record was reported (<see cref="long.MaxValue"/> for the newest);
    /// <paramref name="disputedAt"/> when an open dispute on the record was opened and
    /// <paramref name="repairedAt"/> when its earliest granted repair takes effect (each
    /// <see cref="long.MaxValue"/> when none). Versions must come in the file's order.
    /// </summary>
    public void AddVersion(string type, Area area, long occurred, long reported, long knownUntil, bool withdrawn, bool hasLegalBasis, decimal? quantity, long disputedAt = long.MaxValue, long repairedAt = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (first.Count == 0)
        {
            throw new InvalidOperationException("add a subject before its versions");
        }

        if (!typeCodes.TryGetValue(type, out var code))
        {
            code = typeNames.Count;
            typeCodes.Add(type, code);
            typeNames.Add(type);
        }

        if (count == rows.Length)
        {
            Array.Resize(ref rows, rows.Length * 2);
        }

        rows[count++] = new VersionRow(code, area, occurred, reported, knownUntil, disputedAt, repairedAt, withdrawn, hasLegalBasis, quantity, position++);
    }

    /// <summary>Adds a subject's whole file: its versions with their successors', its disputes and its repairs.</summary>
    public void Add(SubjectFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        AddSubject(file.Subject.Kind, file.Subject.BirthDate);

        // The same look-ups the engine's compilation makes (SubjectFacts.Compile).
        var disputes = file.Disputes.IsEmpty ? null : file.Disputes.ToDictionary(d => d.Record, d => d.OpenedAt.UtcTicks);
        var repairs = file.Repairs.IsEmpty ? null : file.Repairs.GroupBy(r => r.Record).ToDictionary(g => g.Key, g => g.Min(r => r.EffectiveAt.UtcTicks));
        var versions = file.Versions;
        for (var i = 0; i < versions.Length; i++)
        {
            var r = versions[i];
            var next = i + 1 < versions.Length && versions[i + 1].Key == r.Key ? versions[i + 1] : null;
            AddVersion(
                r.Type,
                r.Area,
                r.OccurredAt.UtcTicks,
                r.ReportedAt.UtcTicks,
                next?.ReportedAt.UtcTicks ?? long.MaxValue,
                r.Action == RecordAction.Withdrawn,
                r.HasLegalBasis,
                r.Quantity,
                disputes is not null && disputes.TryGetValue(r.Key, out var d) ? d : long.MaxValue,
                repairs is not null && repairs.TryGetValue(r.Key, out var p) ? p : long.MaxValue);
        }
    }

    /// <summary>The columns, each subject's versions put in occurrence order (ties kept in file order).</summary>
    public RecordColumns Build()
    {
        var starts = new int[first.Count + 1];
        first.CopyTo(starts);
        starts[^1] = count;
        var built = rows.AsSpan(0, count).ToArray();
        for (var s = 0; s < first.Count; s++)
        {
            var span = built.AsSpan(starts[s], starts[s + 1] - starts[s]);
            if (!InOrder(span))
            {
                span.Sort(static (a, b) =>
                {
                    var c = a.Occurred.CompareTo(b.Occurred);
                    return c != 0 ? c : a.Position.CompareTo(b.Position);
                });
            }
        }

        return new RecordColumns([.. typeNames], starts, [.. kinds], [.. born], built);
    }

    private static bool InOrder(ReadOnlySpan<VersionRow> span)
    {
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i - 1].Occurred > span[i].Occurred)
            {
                return false;
            }
        }

        return true;
    }
}
