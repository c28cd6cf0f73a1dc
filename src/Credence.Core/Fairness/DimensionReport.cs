using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>Every adverse outcome across the cohorts of one dimension, and the cohorts' sizes.</summary>
public sealed record DimensionReport(string Dimension, string Label, string LabelZh, ImmutableArray<Cohort> Cohorts, ImmutableArray<int> Sizes, ImmutableArray<OutcomeDisparity> Outcomes);
