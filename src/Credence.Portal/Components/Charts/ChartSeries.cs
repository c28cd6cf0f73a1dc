namespace Credence.Portal.Components.Charts;

/// <summary>One series of a <see cref="LineChart"/> or one stacked part of a <see cref="StackedColumnChart"/>: its label and a value per column.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Values);
