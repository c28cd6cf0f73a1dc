namespace Credence.Registry.Intake;

/// <summary>
/// What one unit of work adds to a batch's history: its lines' counts and its rejected lines. The
/// store creates the batch with the first part (at the unit's instant) and adds each later part to it.
/// </summary>
public sealed record IntakeBatchPart(string BatchId, string Source, int Lines, int Accepted, int Duplicates, IReadOnlyList<RejectedLine> RejectedLines)
{
    public int Rejected => RejectedLines.Count;

    /// <summary>The part for the fates of one chunk: every line's fate, the rejected ones with their problem.</summary>
    public static IntakeBatchPart Of(string batchId, string source, IReadOnlyList<RecordFate> fates)
    {
        ArgumentNullException.ThrowIfNull(fates);
        int accepted = 0, duplicates = 0;
        var rejected = new List<RejectedLine>();
        foreach (var f in fates)
        {
            switch (f.Fate)
            {
                case FateKind.Accepted:
                    accepted++;
                    break;
                case FateKind.Duplicate:
                    duplicates++;
                    break;
                default:
                    rejected.Add(new RejectedLine(0, f.Line, Kept(f.Record), f.Version, f.Problem?.Type ?? ProblemTypes.BadValue, f.Problem?.Field ?? string.Empty, Kept(f.Problem?.Message) ?? "rejected"));
                    break;
            }
        }

        return new IntakeBatchPart(batchId, source, fates.Count, accepted, duplicates, rejected);
    }

    /// <summary>
    /// What a rejected line said, fit to keep: a control character or an unpaired surrogate (often the
    /// very reason the line was rejected) written as <c>\uXXXX</c>.
    /// </summary>
    /// <remarks>
    /// Implementation note: the history keeps what the source sent so it can see its mistake, but no store
    /// has to hold text it cannot (PostgreSQL's text refuses NUL and invalid UTF-8), and a download
    /// must not carry a terminal's control sequences; escaping here keeps both stores' history the same.
    /// </remarks>
    internal static string? Kept(string? text)
    {
        if (text is null || !text.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                kept.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
