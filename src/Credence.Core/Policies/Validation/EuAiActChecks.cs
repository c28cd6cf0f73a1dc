using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// The <c>eu-ai-act</c> profile (Article 5(1)(c)): no detrimental treatment in a context unrelated
/// to where the data came from, and none disproportionate to the behaviour.
/// </summary>
internal static class EuAiActChecks
{
    public static void Check(ValidationContext ctx)
    {
        var measures = ctx.Policy.Measures.IsDefault ? [] : ctx.Policy.Measures;
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            if (m.Effect != MeasureEffect.Restrict || m.Trigger?.List is not { } listId || !ctx.Lists.TryGetValue(listId, out var list))
            {
                continue;
            }

            var negative = RestrictionChecks.EntryTypes(ctx, list).Where(t => t.IsNegative && Enum.IsDefined(t.Area)).ToList();
            var areas = m.RelatesToAreas.IsDefault ? [] : m.RelatesToAreas;
            var outside = negative.Where(t => !areas.Contains(t.Area)).ToList();
            if (outside.Count > 0)
            {
                ctx.Report(PolicyRules.EuUnrelatedContext, $"measures[{i}].relates-to.areas",
                    $"restricting measure '{m.Id}' can be triggered by {Types(outside)} in the {RestrictionChecks.Names(outside.Select(t => t.Area).Distinct())} area, which the measure does not relate to: no detrimental treatment in a context unrelated to where the data came from", outside);
            }

            var minor = negative.Where(t => t.Severity == Severity.Minor).ToList();
            if (minor.Count > 0)
            {
                ctx.Report(PolicyRules.EuDisproportionate, $"measures[{i}].when.list",
                    $"restricting measure '{m.Id}' can be triggered by the minor record type {Types(minor)} through list '{list.Id}': a restriction would be disproportionate to minor behaviour", minor);
            }
        }
    }

    private static string Types(IEnumerable<RecordType> types) => RestrictionChecks.Names(types.Select(t => t.Id));
}
