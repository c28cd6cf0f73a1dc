namespace Credence.Core.Policies.Validation;

/// <summary>
/// One category of terms: English patterns (regular-expression fragments matched as whole words
/// against normalised text) and Chinese substrings.
/// </summary>
internal sealed record TermCategory(string Label, IReadOnlyList<string> English, IReadOnlyList<string> Chinese);
