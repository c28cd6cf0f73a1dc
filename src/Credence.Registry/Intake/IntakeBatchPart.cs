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
                    rejected.Add(new RejectedLine(0, f.Line, f.Record, f.Version, f.Problem?.Type ?? ProblemTypes.BadValue, f.Problem?.Field ?? string.Empty, f.Problem?.Message ?? "rejected"));
                    break;
            }
        }

        return new IntakeBatchPart(batchId, source, fates.Count, accepted, duplicates, rejected);
    }
}
