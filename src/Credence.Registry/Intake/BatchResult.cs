using System.Collections.Immutable;

namespace Credence.Registry.Intake;

/// <summary>The fate of every line of a batch; the accepted ones were committed together.</summary>
public sealed record BatchResult(ImmutableArray<RecordFate> Fates)
{
    public int Accepted => Fates.Count(f => f.Fate == FateKind.Accepted);

    public int Duplicates => Fates.Count(f => f.Fate == FateKind.Duplicate);

    public int Rejected => Fates.Count(f => f.Fate == FateKind.Rejected);
}
