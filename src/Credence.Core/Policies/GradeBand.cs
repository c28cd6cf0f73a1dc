namespace Credence.Core.Policies;

/// <summary>A grade and the lowest score that earns it. Bands are kept highest first.</summary>
public sealed record GradeBand(string Name, int Minimum);
