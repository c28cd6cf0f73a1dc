using System.Globalization;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// One reason a policy is refused: the rule it breaks (a stable code from <see cref="PolicyRules"/>),
/// why, and where. <see cref="Line"/> and <see cref="Column"/> are 1-based, or 0 when the policy
/// was built in code and has no source text.
/// </summary>
/// <param name="Rule">Stable rule code, e.g. <c>protected-matter</c>.</param>
/// <param name="Message">Why the policy is refused, in a sentence a policy author can act on.</param>
/// <param name="File">The file name given to the loader, if any.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Path">Where in the policy, e.g. <c>measures[2].when.list</c>.</param>
public sealed record PolicyProblem(string Rule, string Message, string? File, int Line, int Column, string Path)
{
    /// <summary>True when the problem points at a line and column of the source text.</summary>
    public bool HasLocation => Line > 0;

    /// <summary><c>file:line:col: rule: message</c>; without a location, the path stands in for it.</summary>
    public override string ToString()
    {
        var file = File ?? "policy";
        return HasLocation
            ? string.Create(CultureInfo.InvariantCulture, $"{file}:{Line}:{Column}: {Rule}: {Message}")
            : $"{file}: {Path}: {Rule}: {Message}";
    }
}
