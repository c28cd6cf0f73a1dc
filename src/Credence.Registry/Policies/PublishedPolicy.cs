using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Registry.Policies;

/// <summary>
/// A policy version that has governed (or governs) a kind of subject, as anyone may read it: its
/// tag, the digest of its exact text (<see cref="Core.Policies.PolicyDigest"/>), and the periods in
/// which it was in force.
/// </summary>
/// <param name="Tag">The version tag, <c>id@version</c>, that outcomes name.</param>
/// <param name="Digest">The digest of the text as uploaded and served, recorded in the ledger at upload.</param>
/// <param name="Periods">When it governed its kind of subject, oldest first; the last has no end while it still governs.</param>
/// <param name="Text">Where the text is served.</param>
public sealed record PublishedPolicy(
    string Tag,
    string PolicyId,
    string Version,
    SubjectKind Subjects,
    string Digest,
    DateTimeOffset UploadedAt,
    ImmutableArray<PolicyPeriod> Periods,
    string Text)
{
    /// <summary>The public path of a version's text.</summary>
    public static string PathOf(string policyId, string version) =>
        $"/v1/public/policies/{Uri.EscapeDataString(policyId)}/{Uri.EscapeDataString(version)}";
}

/// <summary>A period in which a policy version governed its kind of subject: from <see cref="From"/> until <see cref="To"/> (open while it still governs).</summary>
public sealed record PolicyPeriod(DateTimeOffset From, DateTimeOffset? To);
