using System.Text;
using CommunityToolkit.HighPerformance.Buffers;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>
/// The record versions of a run of subjects, kept as values and UTF-8 bytes in two arrays rather than
/// as objects, and made into <see cref="Record"/>s one subject at a time when a pass asks for them.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: a pass over the population reads a run's versions in storage order, so no
/// subject's file is complete until the whole run is read. Held as a million <see cref="Record"/>s
/// (with their keys and texts), they all outlived the collector's youngest generation and were copied
/// up through the older ones: measured on the 100,000-person demo city, that copying and the making of
/// the objects on the one reading thread cost about three times SQLite's own reading. Packed, a run
/// is two arrays the collector never looks into, and each subject's records are made when its file is
/// built, on whichever thread builds it, and die young once the file is scored.
/// </para>
/// <para>
/// A version may be added with its subject's identifier still as bytes: the reading thread then only
/// copies, and <see cref="Seal"/> looks the identifiers up in parallel (a lookup is a few misses of the
/// processor's cache; done on the reading thread they were a quarter of a pass). Adding is for one
/// thread (the reader); after <see cref="Seal"/>, <see cref="Of"/> may be called from many threads at once.
/// </para>
/// </remarks>
internal sealed class PackedRecords(int subjects)
{
    private const int Texts = 6;

    /// <summary>About how many bytes a version's texts take (source, id, type, legal basis, subject: 110 on the demo city).</summary>
    private const int TextBytesEach = 128;

    /// <summary>The position of a version whose subject is still its identifier's bytes (the sixth text).</summary>
    private const int Unresolved = -1;

    /// <summary>The position of a version whose subject was not asked for: it is dropped.</summary>
    private const int Stranger = -2;

    private readonly StringPool repeated = new();
    private Row[] rows = new Row[256];
    private int count;
    private byte[] text = new byte[16 * 1024];
    private int used;
    private int[]? starts;
    private int[]? order;

    /// <summary>
    /// Makes room for about <paramref name="versions"/> versions at once, when the store can tell, so that
    /// the arrays are not grown by copying (each copy left a large array for the collector to reclaim).
    /// </summary>
    public void Reserve(int versions)
    {
        if (versions > rows.Length)
        {
            Array.Resize(ref rows, versions);
        }

        var bytes = (int)Math.Min(Array.MaxLength, (long)versions * TextBytesEach);
        if (bytes > text.Length)
        {
            Array.Resize(ref text, bytes);
        }
    }

    /// <summary>
    /// Keeps one version of the subject whose identifier is <paramref name="subject"/> (UTF-8), found
    /// at <see cref="Seal"/>; a version of a subject not in the run is dropped then.
    /// </summary>
    public void Add(ReadOnlySpan<byte> subject, in RecordVersionText version) => Add(Unresolved, subject, version);

    private void Add(int position, ReadOnlySpan<byte> subject, in RecordVersionText version)
    {
        if (starts is not null)
        {
            throw new InvalidOperationException("the run's record versions are sealed");
        }

        if (count == rows.Length)
        {
            Array.Resize(ref rows, rows.Length * 2);
        }

        var at = used;
        ref var row = ref rows[count++];
        row = new Row
        {
            Subject = position,
            Version = version.Version,
            Action = version.Action,
            Area = version.Area,
            OccurredAt = version.OccurredAt,
            ReportedAt = version.ReportedAt,
            Quantity = version.Quantity ?? 0m,
            HasQuantity = version.Quantity.HasValue,
            TextAt = at,
        };
        row.Lengths[0] = Put(version.Source);
        row.Lengths[1] = Put(version.SourceRecordId);
        row.Lengths[2] = Put(version.Type);
        row.Lengths[3] = version.HasLegalBasis ? Put(version.LegalBasis) : -1;
        row.Lengths[4] = version.HasNote ? Put(version.Note) : -1;
        row.Lengths[5] = position == Unresolved ? Put(subject) : -1;
    }

    /// <summary>Keeps a version a store has already made (one whose driver gives strings) of the subject at <paramref name="position"/>: its texts are packed and the object let go.</summary>
    public void Add(int position, Record record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var source = Encoding.UTF8.GetBytes(record.Key.Source);
        var id = Encoding.UTF8.GetBytes(record.Key.SourceRecordId);
        var type = Encoding.UTF8.GetBytes(record.Type);
        var legalBasis = record.LegalBasis is null ? [] : Encoding.UTF8.GetBytes(record.LegalBasis);
        var note = record.Note is null ? [] : Encoding.UTF8.GetBytes(record.Note);
        Add(position, [], new RecordVersionText
        {
            Source = source,
            SourceRecordId = id,
            Version = record.Version,
            Action = record.Action,
            Type = type,
            Area = record.Area,
            OccurredAt = record.OccurredAt.UtcTicks,
            ReportedAt = record.ReportedAt.UtcTicks,
            LegalBasis = legalBasis,
            HasLegalBasis = record.LegalBasis is not null,
            Quantity = record.Quantity,
            Note = note,
            HasNote = record.Note is not null,
        });
    }

    /// <summary>
    /// Ends adding: finds the subject of each version added by identifier (in parallel) and files each
    /// version under its subject (a counting sort by position).
    /// </summary>
    public void Seal(SubjectPositions positions)
    {
        if (starts is not null)
        {
            return;
        }

        Parallel.For(0, count, i =>
        {
            ref var row = ref rows[i];
            if (row.Subject == Unresolved)
            {
                var at = row.TextAt;
                for (var t = 0; t < Texts - 1; t++)
                {
                    at += Math.Max(0, row.Lengths[t]);
                }

                row.Subject = positions.PositionOf(text.AsSpan(at, row.Lengths[Texts - 1])) is >= 0 and var p ? p : Stranger;
            }
        });

        var first = new int[subjects + 1];
        for (var i = 0; i < count; i++)
        {
            if (rows[i].Subject >= 0)
            {
                first[rows[i].Subject + 1]++;
            }
        }

        for (var s = 1; s <= subjects; s++)
        {
            first[s] += first[s - 1];
        }

        var next = (int[])first.Clone();
        var sorted = new int[first[subjects]];
        for (var i = 0; i < count; i++)
        {
            if (rows[i].Subject >= 0)
            {
                sorted[next[rows[i].Subject]++] = i;
            }
        }

        order = sorted;
        starts = first;
    }

    /// <summary>How many versions the subject at <paramref name="position"/> has.</summary>
    public int CountOf(int position) => Sealed()[position + 1] - Sealed()[position];

    /// <summary>The versions of the subject at <paramref name="position"/>, made anew, in <see cref="SubjectFile.FileOrder"/>.</summary>
    public List<Record> Of(int position, SubjectId subject)
    {
        var first = Sealed();
        var records = new List<Record>(first[position + 1] - first[position]);
        for (var k = first[position]; k < first[position + 1]; k++)
        {
            records.Add(Make(in rows[order![k]], subject));
        }

        return RecordFileOrder.Sort(records);
    }

    private int[] Sealed() => starts ?? throw new InvalidOperationException("the run's record versions are not sealed yet");

    private Record Make(in Row row, SubjectId subject)
    {
        var at = row.TextAt;
        var source = Text(ref at, row.Lengths[0], repeated)!;
        var id = Text(ref at, row.Lengths[1], null)!;
        var type = Text(ref at, row.Lengths[2], repeated)!;
        var legalBasis = Text(ref at, row.Lengths[3], null);
        var note = Text(ref at, row.Lengths[4], repeated);
        return new Record(
            new RecordKey(source, id),
            row.Version,
            row.Action,
            subject,
            type,
            row.Area,
            new DateTimeOffset(row.OccurredAt, TimeSpan.Zero),
            new DateTimeOffset(row.ReportedAt, TimeSpan.Zero),
            legalBasis,
            row.HasQuantity ? row.Quantity : null,
            note);
    }

    /// <summary>The text at <paramref name="at"/> (moved past it); null for a missing one. Texts repeated across the run (source, type, note) are made once.</summary>
    private string? Text(ref int at, int length, StringPool? pool)
    {
        if (length < 0)
        {
            return null;
        }

        var bytes = text.AsSpan(at, length);
        at += length;
        return pool is null ? Encoding.UTF8.GetString(bytes) : pool.GetOrAdd(bytes, Encoding.UTF8);
    }

    private int Put(ReadOnlySpan<byte> bytes)
    {
        var needed = (long)used + bytes.Length;
        if (needed > text.Length)
        {
            if (needed > Array.MaxLength)
            {
                throw new InvalidOperationException($"a run's record texts exceed {Array.MaxLength:N0} bytes; read it in smaller runs");
            }

            Array.Resize(ref text, (int)Math.Min(Array.MaxLength, Math.Max(2L * text.Length, needed)));
        }

        bytes.CopyTo(text.AsSpan(used));
        used += bytes.Length;
        return bytes.Length;
    }

    /// <summary>
    /// One version: its subject's position (or <see cref="Unresolved"/>, <see cref="Stranger"/>), its values, and where its
    /// texts lie (one after another: source, id, type, legal basis, note, subject's identifier) with their lengths, -1 for a missing one.
    /// </summary>
    private struct Row
    {
        public int Subject;
        public int Version;
        public RecordAction Action;
        public Area Area;
        public bool HasQuantity;
        public long OccurredAt;
        public long ReportedAt;
        public decimal Quantity;
        public int TextAt;
        public TextLengths Lengths;
    }

    [System.Runtime.CompilerServices.InlineArray(Texts)]
    private struct TextLengths
    {
        private int length;
    }
}
