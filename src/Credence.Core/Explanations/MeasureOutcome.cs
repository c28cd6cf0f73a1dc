using Credence.Core.Policies;

namespace Credence.Core.Explanations;

/// <summary>Whether a measure applies to the subject at the as-of instant, and what triggers it.</summary>
public sealed record MeasureOutcome(
    string Measure,
    string Name,
    string Capability,
    MeasureEffect Effect,
    bool Triggered,
    string Trigger);
