using System.Collections.Immutable;
using Credence.Core.Scoring;

namespace Credence.Registry.Consent;

/// <summary>
/// A subject's consent to scoring as of a request: the consent in force, what it means under the
/// policy that governs the subject now, the outcome it gives, and every change so far.
/// </summary>
/// <param name="Given">The consent in force now (false when the subject never gave it).</param>
/// <param name="Since">When the consent in force was given or withdrawn; null when never.</param>
/// <param name="Changed">For a change: whether it changed anything (giving consent already given changes nothing).</param>
/// <param name="Required">Whether the policy in force requires consent for scoring; null when no policy governs the subject.</param>
/// <param name="PolicyVersion">The policy in force, if any.</param>
/// <param name="Effect">What the consent means under that policy, in words.</param>
/// <param name="Status">The subject's score status now, under that policy and this consent.</param>
/// <param name="Score">The score now, when scored.</param>
/// <param name="Grade">The grade now, when graded.</param>
/// <param name="History">Every change, oldest first.</param>
public sealed record ConsentView(
    string Subject,
    DateTimeOffset AsOf,
    bool Given,
    DateTimeOffset? Since,
    bool Changed,
    bool? Required,
    string? PolicyVersion,
    string Effect,
    ScoreStatus? Status,
    int? Score,
    string? Grade,
    ImmutableArray<ConsentChange> History);
