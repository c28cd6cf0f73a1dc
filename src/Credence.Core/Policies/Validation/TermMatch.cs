namespace Credence.Core.Policies.Validation;

/// <summary>A term found in a policy's text, and the category it belongs to.</summary>
/// <param name="Term">The text that matched, as written (normalised to lower case).</param>
/// <param name="Category">The category, e.g. <c>religion or belief</c>.</param>
public readonly record struct TermMatch(string Term, string Category);
