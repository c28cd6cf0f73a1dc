using System.Collections.Frozen;

namespace Credence.Registry.Access;

/// <summary>The names of roles on the wire and on the command line: <c>operator</c>, <c>source</c>, <c>relying-party</c>, <c>subject</c>, <c>reviewer</c>, <c>auditor</c>.</summary>
public static class Roles
{
    private static readonly FrozenDictionary<Role, string> Names = new Dictionary<Role, string>
    {
        [Role.Operator] = "operator",
        [Role.Source] = "source",
        [Role.RelyingParty] = "relying-party",
        [Role.Subject] = "subject",
        [Role.Reviewer] = "reviewer",
        [Role.Auditor] = "auditor",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Role> ByName =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every role name, in role order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names.OrderBy(kv => kv.Key).Select(kv => kv.Value)];

    public static string NameOf(Role role) => Names[role];

    public static bool TryParse(string? name, out Role role) => ByName.TryGetValue(name?.Trim() ?? string.Empty, out role);
}
