namespace Credence.App.Http.Documents;

/// <summary>The operator's registration of a principal (or a further key for one).</summary>
internal sealed record PrincipalRequest(string? Role, string? Name, IReadOnlyList<string>? RecordTypes, IReadOnlyList<string>? Capabilities, string? Purpose, string? Subject);
