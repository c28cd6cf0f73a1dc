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
    /// <summary>Reads <paramref name="json"/> and checks <paramref name="source"/> against it; null with the reason when either is refused.</summary>
    public static Opened? Open(string json, PolicySource source, DateTimeOffset now, out string? problem)
    {
        var file = DisclosureFile.Parse(json, now, out problem);
        if (file is null)
        {
            return null;
        }

        var tag = source.Policy.VersionTag;
        string check;
        if (file.DigestOf(tag) is { } named)
        {
            if (!string.Equals(named, source.Digest, StringComparison.Ordinal))
            {
                problem = $"digest-mismatch: {tag} ({source.Origin}) has digest {source.Digest}, and the file names {named}: not the text that produced the file; nothing was scored";
                return null;
            }

            check = $"policy {tag} ({source.Origin}): digest {source.Digest} matches the file";
        }
        else
        {
            check = $"policy {tag} ({source.Origin}): digest {source.Digest}; the file names no digest for {tag}{(file.Policy is { } p ? $" (its results come from {p.Tag})" : string.Empty)}, so it was not checked";
        }

        return new Opened(file, source, CompiledPolicy.Compile(source.Policy), check);
    }

    /// <summary>The reproduction at <paramref name="at"/>; null with the reason when the instant is after the file's.</summary>
    public static Replay? At(Opened opened, DateTimeOffset at, out string? problem)
    {
        problem = null;
        var file = opened.File;
        if (at > file.AsOf)
        {
            problem = $"--as-of {at:u} is after the file's instant {file.AsOf:u}; the file knows nothing later, so nothing later can be reproduced from it";
            return null;
        }

        var policy = opened.Compiled;
        var decisions = file.Decisions.Where(d => d.DecidedAt <= at).OrderBy(d => d.DecidedAt).ThenBy(d => d.DecisionId).Select(d =>
            d.PolicyVersion != policy.Policy.VersionTag
                ? new ReplayedDecision(d, null, $"decided under {d.PolicyVersion}; pass that version with --policy to replay it")
                : file.History.Decide(policy, d.Capability, d.DecidedAt) is { } replayed
                    ? new ReplayedDecision(d, replayed, null)
                    : new ReplayedDecision(d, null, $"{policy.Policy.VersionTag} has no measure on {d.Capability}"));
        return new Replay(at, file.History.Assess(policy, at), file.History.CasesAt(at), [.. decisions]);
    }

    /// <summary>A disclosure read, with the policy checked against it.</summary>
    internal sealed record Opened(DisclosureFile File, PolicySource Source, CompiledPolicy Compiled, string Check);

    /// <summary>The reproduction at an instant.</summary>
    internal sealed record Replay(DateTimeOffset At, Assessment Assessment, IReadOnlyList<RecordCase> Cases, IReadOnlyList<ReplayedDecision> Decisions);
}

/// <summary>A recorded decision and its replay (or why it was not replayed).</summary>
internal sealed record ReplayedDecision(DisclosureFile.RecordedDecision Recorded, CapabilityDecision? Replayed, string? NotReplayed)
{
    /// <summary>True when the replay gives the recorded answer with the recorded reasons.</summary>
    public bool Matches => Replayed is { } r && r.Allowed == Recorded.Allowed
        && r.Reasons.Select(x => x.Code).SequenceEqual((Recorded.Reasons ?? []).Select(x => x.Code), StringComparer.Ordinal);
}
