namespace Credence.Core.Fairness;

/// <summary>A cohort of one dimension, read from identifiers alone.</summary>
/// <param name="Dimension">The dimension's id (<see cref="CohortDimensions"/>).</param>
/// <param name="Key">Stable key within the dimension, e.g. <c>37</c> (Shandong), <c>25-34</c>, <c>female</c>, <c>9-1</c>; <c>unknown</c> when the identifier does not say.</param>
/// <param name="Label">In English.</param>
/// <param name="LabelZh">In Chinese.</param>
/// <param name="Known">False for the marked <c>unknown</c> cohort: the identifier's part could not be read as a known value.</param>
public sealed record Cohort(string Dimension, string Key, string Label, string LabelZh, bool Known = true)
{
    /// <summary>The key of every dimension's unknown cohort.</summary>
    public const string UnknownKey = "unknown";
}
