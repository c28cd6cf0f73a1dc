using System.Collections.Immutable;
using Credence.Core.Explanations;

namespace Credence.Core.Fairness;

/// <summary>One adverse outcome of a policy, measured for each subject: adverse, not adverse, or not applicable.</summary>
/// <param name="Id">Stable id, e.g. <c>listed:court-defaulters</c>, <c>restricted:restrict-flights</c>, <c>benefit-not-granted:grant-transit-discount</c>, <c>grade-at-or-below:C</c>.</param>
/// <param name="Target">The list, measure or grade it is about.</param>
/// <param name="Label">In English, e.g. "restricted: air tickets (restrict-flights)".</param>
/// <param name="LabelZh">The same in Chinese.</param>
/// <param name="Grades">For <see cref="AdverseOutcomeKind.GradeAtOrBelow"/>: the grades that count as adverse.</param>
/// <remarks>Implementation note: no parameter has a default value: the OpenAPI schema exporter cannot write a default array.</remarks>
public sealed record AdverseOutcome(string Id, AdverseOutcomeKind Kind, string Target, string Label, string LabelZh, ImmutableArray<string> Grades)
{
    /// <summary>The grades that count as adverse; empty for an outcome that is no grade.</summary>
    public ImmutableArray<string> Grades { get; init; } = Grades.IsDefault ? [] : Grades;

    /// <summary>True when adverse for the subject, false when not, null when the outcome does not apply (a grade outcome for an ungraded subject).</summary>
    public bool? IsAdverse(SubjectOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Kind switch
        {
            AdverseOutcomeKind.Listed => outcome.Lists.Contains(Target, StringComparer.Ordinal),
            AdverseOutcomeKind.NotOnRedlist => !outcome.Lists.Contains(Target, StringComparer.Ordinal),
            AdverseOutcomeKind.Restricted => outcome.Measures.Contains(Target, StringComparer.Ordinal),
            AdverseOutcomeKind.BenefitNotGranted => !outcome.Measures.Contains(Target, StringComparer.Ordinal),
            AdverseOutcomeKind.GradeAtOrBelow => outcome.Grade is { } g ? Grades.Contains(g, StringComparer.Ordinal) : null,
            _ => throw new InvalidOperationException($"unknown outcome kind {Kind}"),
        };
    }
}
