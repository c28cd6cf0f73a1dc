using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>What an identifier says of its subject's cohorts, or why it says nothing (it is refused by its scheme's rules).</summary>
/// <param name="Subject">The checked identifier; null when refused.</param>
/// <param name="Cohorts">One cohort per dimension of the subject's kind (<see cref="CohortDimensions.Of"/>); empty when refused.</param>
/// <param name="Rule">The identifier rule broken (<see cref="IdentifierRules"/>), when refused.</param>
/// <param name="Reason">Why, in words, when refused.</param>
public sealed record CohortReading(SubjectId? Subject, ImmutableArray<Cohort> Cohorts, string? Rule, string? Reason)
{
    /// <summary>True when the identifier was read.</summary>
    public bool IsRead => Subject is not null;
}
