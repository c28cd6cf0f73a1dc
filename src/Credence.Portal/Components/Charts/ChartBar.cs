namespace Credence.Portal.Components.Charts;

/// <summary>One bar of a <see cref="BarChart"/>: its label and its value.</summary>
public sealed record ChartBar(string Label, double Value);
