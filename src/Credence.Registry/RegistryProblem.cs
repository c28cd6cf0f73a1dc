using System.Collections.Immutable;
using Credence.Core.DueProcess;

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

    /// <summary>For a refused due-process step: each reason with its stable code and, when time alone will meet it, the instant it will be met.</summary>
    public ImmutableArray<Refusal> Refusals { get; init; } = [];

    /// <summary>The case the refusal was stored as, when it was (a refused repair application can be appealed by this id).</summary>
    public string? CaseId { get; init; }

    /// <summary>A refusal of a due-process step, with every Core reason.</summary>
    public static RegistryProblem Refused(string type, string what, ImmutableArray<Refusal> refusals, string? caseId = null) =>
        new(type, $"{what}: {string.Join("; ", refusals.Select(r => r.Text))}")
        {
            Errors = [.. refusals.Select(r => $"{r.Code}: {r.Text}")],
            Refusals = refusals,
            CaseId = caseId,
        };

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Detail}";
}
