using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>Repair rules: minimum periods by severity and the records that show an obligation fulfilled.</summary>
internal static class RepairChecks
{
    public static void Check(ValidationContext ctx)
    {
        var repair = ctx.Policy.Repair;
        if (repair is null)
        {
            return;
        }

        foreach (var severity in repair.MinimumPeriod?.Keys ?? [])
        {
            if (!Enum.IsDefined(severity))
            {
                ctx.Report(PolicyRules.BadValue, "repair.minimum-period",
                    $"repair minimum-period names severity '{severity}', which is not one of {string.Join(", ", PolicyVocabulary.Severities.Keys)}");
            }
        }

        var qualifying = repair.Qualifying.IsDefault ? [] : repair.Qualifying;
        for (var i = 0; i < qualifying.Length; i++)
        {
            var q = qualifying[i];
            var at = $"repair.qualifying[{i}]";
            var what = $"repair rule {i + 1}";
            var forTypes = q.ForTypes.IsDefault ? [] : q.ForTypes;
            var fulfilledBy = q.FulfilledBy.IsDefault ? [] : q.FulfilledBy;
            if (forTypes.IsEmpty)
            {
                ctx.Report(PolicyRules.MissingKey, $"{at}.for", $"{what} names no record types to repair");
            }

            if (fulfilledBy.IsEmpty)
            {
                ctx.Report(PolicyRules.MissingKey, $"{at}.fulfilled-by", $"{what} names no record types that show the obligation fulfilled");
            }

            ctx.CheckReferences(forTypes, $"{at}.for", "record type", what, ctx.Types.ContainsKey);
            ctx.CheckReferences(fulfilledBy, $"{at}.fulfilled-by", "record type", what, ctx.Types.ContainsKey);
            for (var j = 0; j < forTypes.Length; j++)
            {
                if (ctx.Types.TryGetValue(forTypes[j], out var t) && !t.IsNegative)
                {
                    ctx.Report(PolicyRules.BadValue, $"{at}.for[{j}]",
                        $"{what}: record type '{t.Id}' is not adverse, and repair only ends an adverse record's effect early", [t]);
                }
            }

            ListChecks.NonNegative(ctx, fulfilledBy, $"{at}.fulfilled-by", what);
        }
    }
}
