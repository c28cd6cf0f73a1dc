namespace Credence.Core.Explanations;

/// <summary>
/// One concrete way to a better outcome for a measure: what would make a benefit granted or end a
/// restriction, and when if it comes by itself.
/// </summary>
/// <param name="Code">A stable code: <c>grade-by-expiry</c>, <c>earn-points</c>, <c>window-ends</c>,
/// <c>record-needed</c>, <c>give-consent</c>, <c>come-of-age</c>, <c>listing-ends</c>, <c>fulfil-obligation</c>.</param>
/// <param name="Text">The step in plain language.</param>
/// <param name="At">The instant it happens by itself or becomes possible, if one is known.</param>
public sealed record ForwardStep(string Code, string Text, DateTimeOffset? At = null);
