namespace Credence.Core.DueProcess;

/// <summary>
/// Why a due-process step was refused: a stable code, the reason in plain words, and, when the
/// obstacle passes by itself, the instant from which it no longer applies.
/// </summary>
/// <param name="Code">A stable code, e.g. <c>already-disputed</c> or <c>minimum-period-not-served</c>.</param>
/// <param name="Text">The reason in plain language.</param>
/// <param name="MetAt">When the criterion will be met, if that depends only on time.</param>
public sealed record Refusal(string Code, string Text, DateTimeOffset? MetAt = null);
