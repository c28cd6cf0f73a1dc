using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>The fairness of one policy's outcomes for one kind of subject.</summary>
/// <param name="Assessed">Subjects in the population: scored, or unscored for want of consent.</param>
/// <param name="UnderAge">Persons under the policy's minimum age: no outcome, outside the population.</param>
/// <param name="NotCovered">Subjects the policy does not cover: outside the population.</param>
/// <param name="Outcomes">The adverse outcomes measured.</param>
/// <param name="Findings">Every flagged disparity, most severe first (four-fifths findings by lowest impact ratio, then the band's by the largest difference of rates).</param>
/// <param name="Words">What the section finds, in words.</param>
public sealed record FairnessSection(
    SubjectKind Kind,
    string PolicyVersion,
    int Assessed,
    int UnderAge,
    int NotCovered,
    ImmutableArray<AdverseOutcome> Outcomes,
    ImmutableArray<DimensionReport> Dimensions,
    ImmutableArray<Finding> Findings,
    FairnessWords Words);
