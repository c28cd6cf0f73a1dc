namespace Credence.Core.Fairness;

/// <summary>An adverse outcome a simulation's fairness section compares, and which of the two policies give it.</summary>
/// <param name="Id">The outcome's id (<see cref="AdverseOutcome.Id"/>).</param>
/// <param name="InBaseline">The baseline policy has it (false when there is no baseline).</param>
/// <param name="InDraft">The draft has it.</param>
public sealed record ComparedOutcome(string Id, string Label, string LabelZh, bool InBaseline, bool InDraft);
