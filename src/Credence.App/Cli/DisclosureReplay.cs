using Credence.Core.Explanations;
using Credence.Core.Scoring;

namespace Credence.App.Cli;

/// <summary>
/// What <c>credence score --disclosure</c> reproduces from a disclosure: the assessment at an
/// instant, and each decision the subject received by then re-taken at its own instant. The
/// decision is re-taken exactly as the registry took it: the file as it stood then
/// (<see cref="Core.DueProcess.CaseFile.At"/>), the consent in force then, the engine and the
/// <see cref="Decider"/>.
/// </summary>
internal static class DisclosureReplay
{
    public static IReadOnlyList<ReplayedDecision> Decisions(DisclosureFile file, CompiledPolicy policy, DateTimeOffset at) =>
        [.. file.Decisions.Where(d => d.DecidedAt <= at).OrderBy(d => d.DecidedAt).ThenBy(d => d.DecisionId).Select(d =>
            d.PolicyVersion != policy.Policy.VersionTag
                ? new ReplayedDecision(d, null, $"decided under {d.PolicyVersion}; pass that version with --policy to replay it")
                : file.History.Decide(policy, d.Capability, d.DecidedAt) is { } replayed
                    ? new ReplayedDecision(d, replayed, null)
                    : new ReplayedDecision(d, null, $"{policy.Policy.VersionTag} has no measure on {d.Capability}"))];
}

/// <summary>A recorded decision and its replay (or why it was not replayed).</summary>
internal sealed record ReplayedDecision(DisclosureFile.RecordedDecision Recorded, CapabilityDecision? Replayed, string? NotReplayed)
{
    /// <summary>True when the replay gives the recorded answer with the recorded reasons.</summary>
    public bool Matches => Replayed is { } r && r.Allowed == Recorded.Allowed
        && r.Reasons.Select(x => x.Code).SequenceEqual((Recorded.Reasons ?? []).Select(x => x.Code), StringComparer.Ordinal);
}
