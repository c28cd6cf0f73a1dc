using Credence.Core.Policies;

namespace Credence.App.Http.Documents;

/// <summary>A policy that passed validation: its version tag, the subjects it scores and the size of its catalogue.</summary>
internal sealed record PolicyValidationDocument(bool Valid, string Tag, Core.Identifiers.SubjectKind Subjects, int RecordTypes, int Lists, int Measures)
{
    public static PolicyValidationDocument From(Policy policy) =>
        new(true, policy.VersionTag, policy.Subjects, policy.RecordTypes.Length, policy.Lists.Length, policy.Measures.Length);
}
