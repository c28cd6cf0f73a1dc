using Credence.Core.Identifiers;
using Credence.Registry.Access;

namespace Credence.Registry.Subjects;

/// <summary>The subject a subject key is bound to, for the use cases a subject runs on its own file.</summary>
internal static class OwnSubject
{
    /// <summary>The parsed subject; a problem when the bound identifier no longer passes its check (e.g. after an allow-list change).</summary>
    public static Outcome<SubjectId> Of(Principal principal, DateTimeOffset now, IdentifierAllowList? allowList)
    {
        var check = SubjectIdentifiers.Check(principal.Subject ?? string.Empty, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        return check.IsValid
            ? check.Id!.Value
            : new RegistryProblem(ProblemTypes.InvalidIdentifier, $"the key's subject is not a valid identifier: {check.Rule}: {check.Reason}");
    }
}
