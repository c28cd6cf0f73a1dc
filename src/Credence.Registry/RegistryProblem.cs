using System.Collections.Immutable;

namespace Credence.Registry;

/// <summary>
/// Why the registry refused a request: a stable <see cref="Type"/> from <see cref="ProblemTypes"/>,
/// a sentence saying what is wrong, the field it concerns when there is one, and, for refusals with
/// several reasons (an invalid policy), every reason in <see cref="Errors"/>.
/// </summary>
public sealed record RegistryProblem(string Type, string Detail, string? Field = null)
{
    /// <summary>Every reason, when there is more than one (e.g. each problem of a refused policy).</summary>
    public ImmutableArray<string> Errors { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Detail}";
}
