namespace Credence.Registry.Storage;

/// <summary>The decisions of one measure with one outcome on one UTC day.</summary>
public sealed record DecisionDay(DateOnly Day, string Measure, bool Allowed, long Decisions);
