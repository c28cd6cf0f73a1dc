using Credence.Core.Explanations;

namespace Credence.Core.Simulation;

/// <summary>A past decision re-answered under the draft: what was recorded, and what the draft would have said (null: the draft decides no such capability).</summary>
public sealed record PastDecisionCheck(string Measure, string RelyingParty, DecisionAnswer Recorded, DecisionAnswer? Draft)
{
    public bool Different => Draft != Recorded;
}
