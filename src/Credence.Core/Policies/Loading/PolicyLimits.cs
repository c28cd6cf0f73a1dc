namespace Credence.Core.Policies.Loading;

/// <summary>
/// How large and how deep a policy text may be. A policy is a small document written by people
/// (the samples are under 10 KB, six levels deep, no value longer than 90 characters), so these
/// bounds are far above any real policy and far below what would exhaust the reader: a text over
/// any of them is refused with <see cref="Validation.PolicyRules.YamlLimit"/> before a single node
/// is built, whatever else it holds.
/// </summary>
/// <remarks>
/// Implementation note: the bounds are checked on the YAML event stream (YamlDotNet's parser is a
/// state machine, not a recursion), so a text nested a million levels deep costs one pass over its
/// first <see cref="MaxDepth"/> levels and never reaches the recursive node builder.
/// </remarks>
public static class PolicyLimits
{
    /// <summary>Characters in the whole text (1 MiB, the API's body limit for a policy).</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Levels of nested mappings and sequences, the top-level mapping being level 1.</summary>
    public const int MaxDepth = 32;

    /// <summary>Characters in one key or value.</summary>
    public const int MaxScalarLength = 4096;

    /// <summary>Keys, values and collections in the document, all counted.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Documents in one text: a policy file holds exactly one.</summary>
    public const int MaxDocuments = 1;

    /// <summary>Problems listed for one text; past it one more problem says how many were left out, so a refusal stays a readable size.</summary>
    public const int MaxProblems = 100;

    /// <summary>Aliases (<c>*name</c>): none, since the language has no anchors or aliases and an alias is how a few bytes expand into billions of nodes.</summary>
    public const int MaxAliases = 0;
}
