namespace Credence.Core.Policies;

/// <summary>
/// Points per unit of a record's quantity: <see cref="Points"/> for every whole <see cref="Per"/>
/// units (for example -1 per 1000 yuan), at most <see cref="MaxSteps"/> steps when set.
/// </summary>
public sealed record PerUnitPoints(int Points, decimal Per, string Unit, int? MaxSteps);
