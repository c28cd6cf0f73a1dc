using System.Collections.Frozen;
using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>
/// A policy prepared for scoring: names resolved to indices once, so that scoring a subject does
/// no string look-ups. Compile a policy once and reuse it for every subject.
/// </summary>
public sealed class CompiledPolicy
{
    /// <summary>The engine keeps list and measure memberships in 64-bit sets.</summary>
    public const int MaxLists = 64;

    /// <inheritdoc cref="MaxLists"/>
    public const int MaxMeasures = 64;

    private readonly FrozenDictionary<string, int> typeIndex;
    private readonly FrozenDictionary<string, int> listIndex;
    private readonly FrozenDictionary<string, int> gradeIndex;

    private CompiledPolicy(Policy policy)
    {
        Policy = policy;
        typeIndex = Index(policy.RecordTypes.Select(t => t.Id));
        gradeIndex = Index(policy.Grades.Select(g => g.Name));
        listIndex = Index(policy.Lists.Select(l => l.Id));
        Lists = [.. policy.Lists.Select(l => new CompiledList(l, policy.RecordTypes, TypeIndex, GradeIndex))];
        Measures = [.. policy.Measures.Select(m => new CompiledMeasure(m, ListIndex, GradeIndex))];
        GradeMinimums = [.. policy.Grades.Select(g => g.Minimum)];
        Types = new CompiledRecordType[policy.RecordTypes.Length];
        for (var t = 0; t < Types.Length; t++)
        {
            ulong enters = 0;
            for (var l = 0; l < Lists.Length; l++)
            {
                if (Lists[l].EntryTypes.Contains(t))
                {
                    enters |= 1UL << l;
                }
            }

            Types[t] = new CompiledRecordType(policy.RecordTypes[t], enters);
        }

        Base = policy.Scale.Base;
        Min = policy.Scale.Min;
        Max = policy.Scale.Max;
        ConsentRequired = policy.ConsentRequired;
        if ((long)Max - Min < GradeTableLimit && GradeMinimums.Length <= byte.MaxValue)
        {
            GradeByScore = new byte[Max - Min + 1];
            for (var score = Min; score <= Max; score++)
            {
                GradeByScore[score - Min] = (byte)ScanGrade(score);
            }
        }

        var grades = GradeMinimums.Length;
        GradeListOk = new ulong[grades];
        GradeMeasureOk = new ulong[grades];
        MeasuresByList = new ulong[Lists.Length];
        for (var l = 0; l < Lists.Length; l++)
        {
            var list = Lists[l];
            var bit = 1UL << l;
            AllLists |= bit;
            RecordLists |= list.RestsOnRecords ? bit : 0;
            BlockableLists |= list.NoNegativeWithin is not null ? bit : 0;
            Redlists |= list.IsRedlist ? bit : 0;
            UngradedListOk |= list.NeedsGrade ? 0 : bit;
            for (var g = 0; g < grades; g++)
            {
                GradeListOk[g] |= !list.NeedsGrade || ScoringEngine.GradeWithin(g, list.GradeAtLeast, list.GradeAtMost) ? bit : 0;
            }
        }

        for (var m = 0; m < Measures.Length; m++)
        {
            var measure = Measures[m];
            var bit = 1UL << m;
            var needsGrade = measure.GradeAtLeast >= 0 || measure.GradeAtMost >= 0;
            GrantMeasures |= measure.IsGrant ? bit : 0;
            TriggeredMeasures |= measure.List >= 0 || needsGrade ? bit : 0;
            UngradedMeasureOk |= needsGrade ? 0 : bit;
            if (measure.List >= 0)
            {
                MeasuresByList[measure.List] |= bit;
            }
            else
            {
                MeasuresWithoutList |= bit;
            }

            for (var g = 0; g < grades; g++)
            {
                GradeMeasureOk[g] |= !needsGrade || ScoringEngine.GradeWithin(g, measure.GradeAtLeast, measure.GradeAtMost) ? bit : 0;
            }
        }
    }

    /// <summary>The policy this was compiled from.</summary>
    public Policy Policy { get; }

    internal CompiledRecordType[] Types { get; }

    internal CompiledList[] Lists { get; }

    internal CompiledMeasure[] Measures { get; }

    internal int[] GradeMinimums { get; }

    /// <summary>The grade index of each score from <see cref="Min"/> to <see cref="Max"/>; null for scales too wide to tabulate.</summary>
    /// <remarks>Implementation note: one load instead of a scan with a hard-to-predict exit.</remarks>
    internal byte[]? GradeByScore { get; }

    private const long GradeTableLimit = 1 << 16;

    // Implementation note: lists and measures are evaluated as 64-bit sets. For each grade the sets
    // of lists and measures whose grade condition it meets are worked out here, once, so that the
    // engine's per-subject work after the fact loop is a handful of AND and OR operations.

    internal int Base { get; }

    internal int Min { get; }

    internal int Max { get; }

    internal bool ConsentRequired { get; }

    internal ulong AllLists { get; }

    internal ulong RecordLists { get; }

    internal ulong BlockableLists { get; }

    internal ulong Redlists { get; }

    /// <summary>Lists without a grade condition: all that an unscored subject can be on.</summary>
    internal ulong UngradedListOk { get; }

    /// <summary>For each grade, the lists whose grade condition it meets (or that have none).</summary>
    internal ulong[] GradeListOk { get; }

    /// <summary>Measures that grant a reward.</summary>
    internal ulong GrantMeasures { get; }

    /// <summary>Measures with any trigger at all.</summary>
    internal ulong TriggeredMeasures { get; }

    /// <summary>Measures without a grade condition.</summary>
    internal ulong UngradedMeasureOk { get; }

    /// <summary>For each grade, the measures whose grade condition it meets (or that have none).</summary>
    internal ulong[] GradeMeasureOk { get; }

    /// <summary>For each list, the measures it triggers.</summary>
    internal ulong[] MeasuresByList { get; }

    /// <summary>Measures not triggered by a list.</summary>
    internal ulong MeasuresWithoutList { get; }

    /// <summary>Compiles a policy. Throws when it exceeds the engine's limits (the validator refuses such policies first).</summary>
    public static CompiledPolicy Compile(Policy policy)
    {
        if (policy.Lists.Length > MaxLists || policy.Measures.Length > MaxMeasures)
        {
            throw new ArgumentException($"limits: a policy may hold at most {MaxLists} lists and {MaxMeasures} measures", nameof(policy));
        }

        if (policy.Grades.IsDefaultOrEmpty)
        {
            throw new ArgumentException("grades: a policy needs at least one grade band", nameof(policy));
        }

        return new CompiledPolicy(policy);
    }

    /// <summary>Index of a record type, or -1 when the catalogue has no such type.</summary>
    public int TypeIndex(string id) => typeIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of a list, or -1.</summary>
    public int ListIndex(string id) => listIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of a grade (0 = highest), or -1.</summary>
    public int GradeIndex(string name) => gradeIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The grade index a score falls into.</summary>
    internal int GradeOf(int score) =>
        GradeByScore is { } table && (uint)(score - Min) < (uint)table.Length ? table[score - Min] : ScanGrade(score);

    private int ScanGrade(int score)
    {
        var minimums = GradeMinimums;
        for (var g = 0; g < minimums.Length; g++)
        {
            if (score >= minimums[g])
            {
                return g;
            }
        }

        return minimums.Length - 1;
    }

    private static FrozenDictionary<string, int> Index(IEnumerable<string> ids) =>
        ids.Select((id, i) => (id, i))
            .GroupBy(x => x.id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
}
