using Credence.Core.Identifiers;
using Credence.Registry.Policies;

namespace Credence.App.Http.Documents;

/// <summary>A stored policy (without its text) and its activations.</summary>
internal sealed record PolicyDocument(
    string Tag,
    string PolicyId,
    string Version,
    SubjectKind Subjects,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    bool? Created,
    bool? ActiveNow,
    IReadOnlyList<PolicyActivation>? Activations)
{
    public static PolicyDocument From(StoredPolicy p, bool? created = null, bool? activeNow = null, IReadOnlyList<PolicyActivation>? activations = null) =>
        new(p.Tag, p.PolicyId, p.Version, p.Subjects, p.UploadedAt, p.UploadedBy, created, activeNow, activations);
}
