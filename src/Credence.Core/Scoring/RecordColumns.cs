using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Scoring;

/// <summary>
/// The record versions of many subjects, held in memory in the form a batch re-scoring reads
/// (<see cref="BatchScoring"/>): per subject its kind and birth date, per version everything about it
/// that any policy may count, with nothing resolved against a policy. Build it with
/// <see cref="RecordColumnsBuilder"/>.
/// </summary>
/// <remarks>
/// Implementation note: a draft is scored against the registry's facts as they are, so nothing here
/// depends on a policy: record types stay names (coded once per batch), and each subject's versions
/// are kept in occurrence order (ties by their order in the file), the order the engine's compiled
/// facts take, which no policy changes. Each subject is still scored from its own versions alone
/// (promise 1): a subject's range of rows is all the kernel reads for it.
/// </remarks>
public sealed class RecordColumns
{
    internal RecordColumns(ImmutableArray<string> typeNames, int[] first, SubjectKind[] kinds, long[] born, VersionRow[] rows)
    {
        TypeNames = typeNames;
        First = first;
        Kinds = kinds;
        Born = born;
        Rows = rows;
    }

    /// <summary>Number of subjects.</summary>
    public int Subjects => Kinds.Length;

    /// <summary>Number of record versions, all subjects together.</summary>
    public int Versions => Rows.Length;

    /// <summary>The record type names the versions' codes index.</summary>
    public ImmutableArray<string> TypeNames { get; }

    /// <summary>Subject s's versions are rows First[s] to First[s + 1] - 1.</summary>
    internal int[] First { get; }

    internal SubjectKind[] Kinds { get; }

    /// <summary>Each subject's birth date as the UTC ticks of its midnight; <see cref="NoBirthDate"/> when the identifier carries none.</summary>
    internal long[] Born { get; }

    internal VersionRow[] Rows { get; }

    internal const long NoBirthDate = long.MinValue;
}
