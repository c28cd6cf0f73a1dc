using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>The roles of the people who took case steps, so a subject sees who acted on its file as a kind of reader, not a bare name.</summary>
internal static class CaseActors
{
    /// <summary>Each named actor of <paramref name="steps"/> with its principal's role (null when it is no longer registered); steps the registry took itself (no actor id) are left out.</summary>
    public static IReadOnlyDictionary<string, Role?> Roles(IRegistryReader reader, IEnumerable<CaseStep> steps) =>
        steps.Where(s => s.ActorId is not null).Select(s => s.Actor).Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => reader.FindPrincipal(name)?.Role, StringComparer.Ordinal);
}
