using System.Collections.Immutable;
using Credence.Core.Policies;

namespace Credence.Core.Explanations;

/// <summary>Whether a measure applies to the subject at the as-of instant, what triggers it, and why.</summary>
/// <param name="Reasons">The causes: for a triggered restriction, the listing it rests on with its records;
/// for a grant not triggered, each unmet condition (with the records that keep it unmet, if any). Empty otherwise.</param>
/// <param name="Forward">For a triggered restriction, how its listing ends; for a grant not triggered, what would trigger it and when.</param>
public sealed record MeasureOutcome(
    string Measure,
    string Name,
    string Capability,
    MeasureEffect Effect,
    bool Triggered,
    string Trigger,
    ImmutableArray<Reason> Reasons,
    ImmutableArray<ForwardStep> Forward);
