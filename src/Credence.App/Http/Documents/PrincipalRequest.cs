using System.ComponentModel.DataAnnotations;

namespace Credence.App.Http.Documents;

/// <summary>The operator's registration of a principal (or a further key for one).</summary>
internal sealed record PrincipalRequest([property: Required] string? Role, [property: Required] string? Name, IReadOnlyList<string>? RecordTypes, IReadOnlyList<string>? Capabilities, string? Purpose, string? Subject);
