using Credence.Core.Identifiers;

namespace Credence.Registry.Policies;

/// <summary>An uploaded policy: its text, kept verbatim, under its version tag (<c>id@version</c>).</summary>
public sealed record StoredPolicy(
    string Tag,
    string PolicyId,
    string Version,
    SubjectKind Subjects,
    string Yaml,
    DateTimeOffset UploadedAt,
    string UploadedBy);
