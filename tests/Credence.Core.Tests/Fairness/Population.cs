using System.Collections.Immutable;
using System.Text.Json;
using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;

namespace Credence.Core.Tests.Fairness;

/// <summary>Synthetic populations for the fairness kernel: persons with chosen regions, birth dates and sexes, and chosen outcomes.</summary>
internal static class Population
{
    public static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 12, 6);

    /// <summary>Six-digit address codes of different provinces (Shandong, Beijing, Shanghai, Guangdong, Sichuan).</summary>
    public static readonly string[] Regions = ["371082", "110105", "310104", "440305", "510107"];

    /// <summary>Listed on a blacklist, one restriction, one benefit, and the grade outcome (C or below of A, B, C, D).</summary>
    public static readonly ImmutableArray<AdverseOutcome> Outcomes =
    [
        new("listed:court-defaulters", AdverseOutcomeKind.Listed, "court-defaulters", "listed on court-defaulters", "被列入court-defaulters", []),
        new("restricted:restrict-flights", AdverseOutcomeKind.Restricted, "restrict-flights", "restricted: flights", "受限：flights", []),
        new("benefit-not-granted:grant-rental", AdverseOutcomeKind.BenefitNotGranted, "grant-rental", "benefit not granted: rental", "未获授予福利：rental", []),
        new("grade-at-or-below:C", AdverseOutcomeKind.GradeAtOrBelow, "C", "grade C or below", "等级为C或更低", ["C", "D"]),
    ];

    public static SubjectId Person(string region, DateOnly born, int sequence) =>
        SubjectIdentifiers.Parse(ResidentIdentityNumber.Create(region, born, sequence), Today);

    /// <summary>A person's outcome: listed (and so restricted) or not, granted or not, and a grade.</summary>
    public static SubjectOutcome Outcome(SubjectId subject, bool listed, bool granted, string grade, params string[] types) =>
        Made(subject, ScoreStatus.Scored, 900, grade, listed ? ["court-defaulters"] : [], [.. (listed ? new[] { "restrict-flights" } : []).Concat(granted ? ["grant-rental"] : [])], [.. types.Order(StringComparer.Ordinal)]);

    /// <summary>An outcome as the engine would give it under <c>test@1</c> (answers are not read by the fairness kernel).</summary>
    public static SubjectOutcome Made(SubjectId subject, ScoreStatus status, int? score, string? grade, ImmutableArray<string> lists, ImmutableArray<string> measures, ImmutableArray<string> types) =>
        new(subject, "test@1", status, score, grade, lists, measures, ImmutableSortedDictionary.Create<string, Core.Explanations.DecisionAnswer>(StringComparer.Ordinal), types);

    /// <summary>
    /// <paramref name="size"/> persons of one region (sexes alternating, ages spread over 18 to 80) of
    /// whom the first <paramref name="listed"/> are listed, each with <paramref name="type"/> when listed.
    /// </summary>
    public static IEnumerable<SubjectOutcome> Cohort(int region, int size, int listed, string type = "judgment-defaulter", int offset = 0) =>
        Enumerable.Range(0, size).Select(i =>
        {
            var born = new DateOnly(1946 + ((i + offset) % 62), 1 + ((i + offset) % 12), 1 + ((i + offset) % 28));
            var subject = Person(Regions[region % Regions.Length], born, (i + offset) % 1000);
            return Outcome(subject, i < listed, i % 3 == 0, i % 4 == 0 ? "C" : "A", i < listed ? [type] : []);
        });

    public static FairnessSection Section(IEnumerable<SubjectOutcome> outcomes, int minCohort = 50, ulong seed = 7, int replicates = 400) =>
        FairnessKernel.Section(SubjectKind.Person, "test@1", [.. outcomes], Outcomes, new FairnessOptions(AsOf, seed, minCohort, replicates));

    public static OutcomeDisparity Disparity(FairnessSection section, string dimension, string outcome) =>
        section.Dimensions.Single(d => d.Dimension == dimension).Outcomes.Single(o => o.Outcome == outcome);

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
