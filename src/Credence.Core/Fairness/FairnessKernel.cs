using Credence.Core.Explanations;
using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>
/// The fairness report's arithmetic: a pure function of the subjects' outcomes, the adverse
/// outcomes measured and the options (seed included), so the same inputs give the same report.
/// </summary>
/// <remarks>
/// <para>
/// The population is the subjects the policy scores or leaves unscored only for want of consent;
/// persons under its minimum age and subjects it does not cover have no outcome and are counted
/// apart. For each dimension, outcome and cohort: the rate (adverse / applicable), its percentile
/// bootstrap interval, and the ratios to the most favoured cohort, the known cohort large enough
/// with the lowest adverse rate. The four-fifths rule is applied to favourable rates, as the rule is
/// written for selection rates: a cohort is flagged when (1 − its rate) / (1 − the reference's) is
/// below 0.8. Because that ratio hardly moves for a rare outcome (3 % against 1 % is 0.98), the
/// adverse rates are also held to the 1.25 end of the 0.8–1.25 band, when the cohort's whole interval
/// lies above the reference's rate. Small cohorts are shown and marked, never flagged.
/// </para>
/// </remarks>
public static class FairnessKernel
{
    private const int MaxCarriers = 5;

    /// <summary>The section of one kind of subject under one policy version.</summary>
    public static FairnessSection Section(SubjectKind kind, string policyVersion, IReadOnlyList<SubjectOutcome> outcomes, IReadOnlyList<AdverseOutcome> adverse, FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(adverse);
        ArgumentNullException.ThrowIfNull(options);
        options = options.Checked();
        var population = new List<SubjectOutcome>(outcomes.Count);
        int underAge = 0, notCovered = 0;
        foreach (var o in outcomes)
        {
            if (o.Subject.Kind != kind || o.Status == Scoring.ScoreStatus.NotCovered)
            {
                notCovered++;
            }
            else if (o.Status == Scoring.ScoreStatus.UnderAge)
            {
                underAge++;
            }
            else if (o.InScope)
            {
                population.Add(o);
            }
        }

        var n = population.Count;
        var outcomeCount = adverse.Count;
        var marks = new sbyte[n * outcomeCount];
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var o = population[i];
            for (var a = 0; a < outcomeCount; a++)
            {
                marks[(i * outcomeCount) + a] = adverse[a].IsAdverse(o) switch { true => 1, false => 0, null => -1 };
            }

            var own = new int[o.RecordTypes.Length];
            for (var t = 0; t < own.Length; t++)
            {
                if (!typeIndex.TryGetValue(o.RecordTypes[t], out var index))
                {
                    typeIndex[o.RecordTypes[t]] = index = typeIndex.Count;
                }

                own[t] = index;
            }

            types[i] = own;
        }

        var typeNames = typeIndex.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var cohortsOf = population.Select(o => Cohorts.Of(o.Subject, options.AsOf)).ToArray();
        var dimensions = ImmutableArray.CreateBuilder<DimensionReport>();
        var findings = new List<Finding>();
        var dimensionNames = CohortDimensions.Of(kind);
        for (var d = 0; d < dimensionNames.Length; d++)
        {
            var dimension = Dimension(dimensionNames[d], d, cohortsOf, marks, types, typeNames, adverse, options);
            dimensions.Add(dimension);
            findings.AddRange(Findings(dimension, adverse));
        }

        // Most severe first: four-fifths findings by their ratio, lowest first; then the band's by how many
        // more in a hundred the outcome falls on (an unbounded ratio over a reference of 0 is not, by itself, severe).
        var ordered = findings
            .OrderBy(f => f.Flags.Contains(DisparityFlag.FourFifths) ? 0 : 1)
            .ThenBy(f => f.Flags.Contains(DisparityFlag.FourFifths) ? f.ImpactRatio ?? 1.0 : f.ReferenceRate - f.Rate)
            .ThenBy(f => f.Dimension, StringComparer.Ordinal)
            .ThenBy(f => f.Outcome.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Cohort.Key, StringComparer.Ordinal)
            .ToImmutableArray();
        var section = new FairnessSection(kind, policyVersion, n, underAge, notCovered, [.. adverse], dimensions.DrainToImmutable(), ordered, new FairnessWords([], []));
        return section with { Words = FairnessSentences.Of(section, options) };
    }

    /// <summary>A whole report from its sections, with the sentences of each and of the report.</summary>
    public static FairnessReport Report(IReadOnlyList<FairnessSection> sections, FairnessOptions options, string? gradeAtOrBelow, int unreadable)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(options);
        var report = new FairnessReport(options.AsOf, options.Seed, options.Replicates, options.Confidence, options.MinCohort, gradeAtOrBelow, unreadable, [.. sections], new FairnessWords([], []));
        return report with { Summary = FairnessSentences.Of(report) };
    }

    private static DimensionReport Dimension(
        string name, int d, ImmutableArray<Cohort>[] cohortsOf, sbyte[] marks, int[][] types, string[] typeNames, IReadOnlyList<AdverseOutcome> adverse, FairnessOptions options)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var cohorts = new List<Cohort>();
        var member = new int[cohortsOf.Length];
        for (var i = 0; i < cohortsOf.Length; i++)
        {
            var c = cohortsOf[i][d];
            if (!keys.TryGetValue(c.Key, out var index))
            {
                keys[c.Key] = index = cohorts.Count;
                cohorts.Add(c);
            }

            member[i] = index;
        }

        var order = Enumerable.Range(0, cohorts.Count).OrderBy(c => cohorts[c].Known ? 0 : 1).ThenBy(c => SortKey(cohorts[c]), StringComparer.Ordinal).ToArray();
        var cohortCount = cohorts.Count;
        var outcomeCount = adverse.Count;
        var typeCount = typeNames.Length;
        var sizes = new int[cohortCount];
        var applicable = new int[cohortCount * outcomeCount];
        var adverseCounts = new int[cohortCount * outcomeCount];
        var withType = new int[cohortCount * outcomeCount * Math.Max(typeCount, 1)];
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            sizes[c]++;
            for (var a = 0; a < outcomeCount; a++)
            {
                var mark = marks[(i * outcomeCount) + a];
                if (mark < 0)
                {
                    continue;
                }

                applicable[(c * outcomeCount) + a]++;
                if (mark > 0)
                {
                    adverseCounts[(c * outcomeCount) + a]++;
                    foreach (var t in types[i])
                    {
                        withType[(((c * outcomeCount) + a) * typeCount) + t]++;
                    }
                }
            }
        }

        var reports = ImmutableArray.CreateBuilder<OutcomeDisparity>(outcomeCount);
        for (var a = 0; a < outcomeCount; a++)
        {
            reports.Add(Outcome(name, a, adverse[a], cohorts, order, applicable, adverseCounts, withType, sizes, typeNames, outcomeCount, options));
        }

        return new DimensionReport(name, CohortDimensions.Label(name), CohortDimensions.LabelZh(name), [.. order.Select(c => cohorts[c])], [.. order.Select(c => sizes[c])], reports.MoveToImmutable());
    }

    private static string SortKey(Cohort c)
    {
        if (c.Dimension == CohortDimensions.AgeBand)
        {
            var band = AgeBands.Keys.ToList().IndexOf(c.Key);
            return band.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        }

        return c.Key;
    }

    private static OutcomeDisparity Outcome(
        string dimension, int a, AdverseOutcome outcome, List<Cohort> cohorts, int[] order, int[] applicable, int[] adverse, int[] withType, int[] sizes, string[] typeNames, int outcomeCount, FairnessOptions options)
    {
        int At(int c) => (c * outcomeCount) + a;
        double Rate(int c) => (double)adverse[At(c)] / applicable[At(c)];
        bool Small(int c) => applicable[At(c)] < options.MinCohort;

        // The most favoured cohort: the lowest adverse rate among known cohorts large enough, ties to the larger, then by key.
        var candidates = order.Where(c => cohorts[c].Known && applicable[At(c)] > 0 && !Small(c)).ToList();
        var referenceSmall = candidates.Count == 0;
        if (referenceSmall)
        {
            candidates = [.. order.Where(c => cohorts[c].Known && applicable[At(c)] > 0)];
        }

        int? reference = candidates.Count == 0 ? null : candidates.OrderBy(Rate).ThenByDescending(c => applicable[At(c)]).ThenBy(c => cohorts[c].Key, StringComparer.Ordinal).First();
        var draws = new double[cohorts.Count][];
        foreach (var c in order)
        {
            draws[c] = Bootstrap.Rates(applicable[At(c)], adverse[At(c)], options.Replicates, options.Seed, $"{dimension}\n{outcome.Id}\n{cohorts[c].Key}");
        }

        var rows = ImmutableArray.CreateBuilder<CohortRate>(order.Length);
        foreach (var c in order)
        {
            var n = applicable[At(c)];
            if (n == 0)
            {
                rows.Add(new CohortRate(cohorts[c], sizes[c], 0, 0, null, null, null, null, null, null, null, false, true, [], []));
                continue;
            }

            var rate = Rate(c);
            var isReference = reference == c;
            double? adverseRatio = null, impact = null, impactLow = null, impactHigh = null;
            var carried = ImmutableArray<RecordTypePresence>.Empty;
            var flags = ImmutableArray<DisparityFlag>.Empty;
            if (reference is { } r)
            {
                var referenceRate = Rate(r);
                adverseRatio = referenceRate > 0 ? rate / referenceRate : rate == 0 ? 1.0 : null;
                if (isReference)
                {
                    (impact, impactLow, impactHigh) = (1.0, 1.0, 1.0);
                }
                else if (referenceRate < 1)
                {
                    impact = (1 - rate) / (1 - referenceRate);
                    var ratios = new double[options.Replicates];
                    for (var b = 0; b < ratios.Length; b++)
                    {
                        var favourable = 1 - draws[r][b];
                        ratios[b] = favourable > 0 ? (1 - draws[c][b]) / favourable : (1 - draws[c][b]) > 0 ? double.PositiveInfinity : 1.0;
                    }

                    var (low, high) = Bootstrap.Percentiles(ratios, options.Confidence);
                    (impactLow, impactHigh) = (low, double.IsPositiveInfinity(high) ? null : high);
                }

                carried = Presence(c, r, a, adverse, applicable, withType, typeNames, outcomeCount);
            }

            var (rateLow, rateHigh) = Bootstrap.Percentiles([.. draws[c]], options.Confidence);
            if (reference is { } refc && !isReference && !Small(c) && !referenceSmall)
            {
                var referenceRate = Rate(refc);
                var raised = ImmutableArray.CreateBuilder<DisparityFlag>();
                if (impact is { } i && i < FairnessOptions.FourFifths)
                {
                    raised.Add(DisparityFlag.FourFifths);
                }

                if (rate > FairnessOptions.AdverseBand * referenceRate && rateLow > referenceRate)
                {
                    raised.Add(DisparityFlag.AdverseBand);
                }

                flags = raised.DrainToImmutable();
            }

            rows.Add(new CohortRate(cohorts[c], sizes[c], n, adverse[At(c)], rate, rateLow, rateHigh, adverseRatio, impact, impactLow, impactHigh, isReference, Small(c), flags, carried));
        }

        return new OutcomeDisparity(outcome.Id, reference is { } chosen ? cohorts[chosen].Key : null, referenceSmall && reference is not null, rows.MoveToImmutable());
    }

    /// <summary>Each record type present among the affected of cohort <paramref name="c"/> or of the reference, most carried first.</summary>
    private static ImmutableArray<RecordTypePresence> Presence(int c, int r, int a, int[] adverse, int[] applicable, int[] withType, string[] typeNames, int outcomeCount)
    {
        var typeCount = typeNames.Length;
        var at = (c * outcomeCount) + a;
        var refAt = (r * outcomeCount) + a;
        var found = new List<RecordTypePresence>();
        for (var t = 0; t < typeCount; t++)
        {
            var mine = withType[(at * typeCount) + t];
            var theirs = withType[(refAt * typeCount) + t];
            if (mine == 0 && theirs == 0)
            {
                continue;
            }

            var inCohort = (double)mine / applicable[at];
            var inReference = (double)theirs / applicable[refAt];
            found.Add(new RecordTypePresence(typeNames[t], mine, adverse[at] == 0 ? 0 : (double)mine / adverse[at], inCohort, inReference, inCohort - inReference));
        }

        return [.. found.OrderByDescending(p => p.Carried).ThenBy(p => p.Type, StringComparer.Ordinal)];
    }

    private static IEnumerable<Finding> Findings(DimensionReport dimension, IReadOnlyList<AdverseOutcome> adverse)
    {
        for (var a = 0; a < dimension.Outcomes.Length; a++)
        {
            var disparity = dimension.Outcomes[a];
            var reference = disparity.Cohorts.FirstOrDefault(c => c.Reference);
            foreach (var row in disparity.Cohorts.Where(c => !c.Flags.IsDefaultOrEmpty))
            {
                yield return new Finding(
                    dimension.Dimension,
                    adverse[a],
                    row.Cohort,
                    reference!.Cohort,
                    row.Applicable,
                    row.Rate!.Value,
                    row.RateLow!.Value,
                    row.RateHigh!.Value,
                    reference.Rate!.Value,
                    row.ImpactRatio,
                    row.AdverseRatio,
                    row.Flags,
                    row.Flags.Contains(DisparityFlag.FourFifths) && row.ImpactHigh is { } high && high < FairnessOptions.FourFifths,
                    [.. row.RecordTypes.Where(p => p.Carried > 0).Take(MaxCarriers)]);
            }
        }
    }
}
