using Credence.Core.Explanations;

namespace Credence.App.Output;

/// <summary>The JSON shape of an assessment (the CLI's <c>--json</c> and the API's subject file use it).</summary>
internal static class AssessmentDocument
{
    public static object From(Assessment a) => new
    {
        subject = a.Subject.Value,
        kind = a.Subject.Kind,
        policyVersion = a.PolicyVersion,
        asOf = a.AsOf,
        status = a.Status,
        score = a.Score,
        grade = a.Grade,
        areaSubtotals = a.AreaSubtotals.ToDictionary(kv => kv.Key.ToString().ToLowerInvariant(), kv => kv.Value),
        listings = a.Listings,
        measures = a.Measures,
        keyReasons = a.KeyReasons,
        contributions = a.Contributions,
        inactive = a.Inactive,
        pathForward = a.PathForward,
    };
}
