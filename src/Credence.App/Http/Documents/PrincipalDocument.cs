using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.App.Http.Documents;

/// <summary>A principal as the operator sees it (never a key's value).</summary>
internal sealed record PrincipalDocument(
    long Id,
    string Name,
    string Role,
    string? Subject,
    string? Purpose,
    IReadOnlyList<string> RecordTypes,
    IReadOnlyList<string> Capabilities,
    DateTimeOffset CreatedAt,
    IReadOnlyList<KeyInfo>? Keys)
{
    public static PrincipalDocument From(Principal p, IReadOnlyList<KeyInfo>? keys = null) =>
        new(p.Id, p.Name, p.RoleName, p.Subject, p.Purpose, p.RecordTypes, p.Capabilities, p.CreatedAt, keys);
}
