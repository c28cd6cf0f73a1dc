using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Scoring;

namespace Credence.App.Cli;

/// <summary>
/// What <c>credence score --disclosure</c> does with a disclosure: reads it, checks the policy text
/// against the digest the file names, then reproduces the assessment, each record's due-process
/// state, and each decision the subject received by the instant, re-taken at its own instant
/// exactly as the registry took it: the file as it stood then (<see cref="CaseFile.At"/>), the
/// consent in force then, the engine and the <see cref="Decider"/>.
/// </summary>
internal static class DisclosureReplay
{
    /// <summary>
    /// Reads <paramref name="json"/> and checks each of <paramref name="sources"/> against the digest
    /// the file names for its version; null with the reason when the file or any text is refused.
    /// </summary>
    public static Opened? Open(string json, IReadOnlyList<PolicySource> sources, DateTimeOffset now, out string? problem)
    {
        var file = DisclosureFile.Parse(json, now, out problem);
        if (file is null)
        {
            return null;
        }

        var checks = new List<string>();
        var compiled = new Dictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var tag = source.Policy.VersionTag;
            if (file.DigestOf(tag) is { } named)
            {
                if (!string.Equals(named, source.Digest, StringComparison.Ordinal))
                {
                    problem = $"digest-mismatch: {tag} ({source.Origin}) has digest {source.Digest}, and the file names {named}: not the text that produced the file; nothing was scored";
                    return null;
                }

                checks.Add($"policy {tag} ({source.Origin}): digest {source.Digest} matches the file");
            }
            else
            {
                checks.Add($"policy {tag} ({source.Origin}): digest {source.Digest}; the file names no digest for {tag}{(file.Policy is { } p ? $" (its results come from {p.Tag})" : string.Empty)}, so it was not checked");
            }

            if (!compiled.TryAdd(tag, CompiledPolicy.Compile(source.Policy)))
            {
                problem = $"bad-value: {tag} is given twice";
                return null;
            }
        }

        return new Opened(file, sources, compiled, string.Join("\n", checks));
    }

    /// <summary>
    /// The reproduction at <paramref name="at"/>, under the version the file says governed then (or
    /// the one policy given, when the file names no periods); null with the reason when the instant
    /// is after the file's or that version's text was not given.
    /// </summary>
    public static Replay? At(Opened opened, DateTimeOffset at, out string? problem)
    {
        problem = null;
        var file = opened.File;
        if (at > file.AsOf)
        {
            problem = $"--as-of {at:u} is after the file's instant {file.AsOf:u}; the file knows nothing later, so nothing later can be reproduced from it";
            return null;
        }

        var governing = file.GoverningAt(at);
        var tag = governing?.Tag
            ?? opened.Sources.Select(s => s.Policy).FirstOrDefault(p => p.Subjects == file.History.Subject.Kind)?.VersionTag
            ?? opened.Sources[0].Policy.VersionTag;
        if (!opened.Compiled.TryGetValue(tag, out var policy))
        {
            problem = $"policy-not-given: at {at:u} the file's results come from {tag}; pass its text with --policy (it is published at {governing?.Text ?? "/v1/public/policies"})";
            return null;
        }

        var decisions = file.Decisions.Where(d => d.DecidedAt <= at).OrderBy(d => d.DecidedAt).ThenBy(d => d.DecisionId).Select(d =>
            !opened.Compiled.TryGetValue(d.PolicyVersion, out var then)
                ? new ReplayedDecision(d, null, $"decided under {d.PolicyVersion}; pass that version with --policy to replay it")
                : file.History.Decide(then, d.Capability, d.DecidedAt) is { } replayed
                    ? new ReplayedDecision(d, replayed, null)
                    : new ReplayedDecision(d, null, $"{d.PolicyVersion} has no measure on {d.Capability}"));
        return new Replay(at, policy.Policy.VersionTag, file.History.Assess(policy, at), file.History.CasesAt(at), [.. decisions]);
    }

    /// <summary>A disclosure read, with the policies given checked against it and compiled by version tag.</summary>
    internal sealed record Opened(DisclosureFile File, IReadOnlyList<PolicySource> Sources, IReadOnlyDictionary<string, CompiledPolicy> Compiled, string Check);

    /// <summary>The reproduction at an instant, under the policy version <see cref="Policy"/>.</summary>
    internal sealed record Replay(DateTimeOffset At, string Policy, Assessment Assessment, IReadOnlyList<RecordCase> Cases, IReadOnlyList<ReplayedDecision> Decisions);
}

/// <summary>A recorded decision and its replay (or why it was not replayed).</summary>
internal sealed record ReplayedDecision(DisclosureFile.RecordedDecision Recorded, CapabilityDecision? Replayed, string? NotReplayed)
{
    /// <summary>True when the replay gives the recorded answer with the recorded reasons.</summary>
    public bool Matches => Replayed is { } r && r.Allowed == Recorded.Allowed
        && r.Reasons.Select(x => x.Code).SequenceEqual((Recorded.Reasons ?? []).Select(x => x.Code), StringComparer.Ordinal);
}
