using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>The record-type catalogue: ids, the closed vocabularies, points, durations and caps.</summary>
internal static class RecordTypeChecks
{
    public static void Check(ValidationContext ctx)
    {
        var types = ctx.Policy.RecordTypes.IsDefault ? [] : ctx.Policy.RecordTypes;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            var at = $"record-types[{i}]";
            var what = $"record type '{t.Id}'";
            if (!IdSyntax.IsId(t.Id))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.id", $"{what}: the id is not an id: use {IdSyntax.IdRule}");
            }
            else if (!ids.Add(t.Id))
            {
                ctx.Report(PolicyRules.DuplicateId, $"{at}.id", $"record type '{t.Id}' is declared twice");
            }

            if (string.IsNullOrWhiteSpace(t.Name))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.name", $"{what} needs a name");
            }

            CheckVocabulary(ctx, t, at, what);
            CheckPoints(ctx, t, at, what);
        }
    }

    private static void CheckVocabulary(ValidationContext ctx, RecordType t, string at, string what)
    {
        if (!Enum.IsDefined(t.Area))
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.area", $"{what}: area '{t.Area}' is not one of {string.Join(", ", PolicyVocabulary.Areas.Keys)}");
        }

        if (!Enum.IsDefined(t.Matter))
        {
            ctx.Report(PolicyRules.UnknownMatter, $"{at}.matter", $"{what}: matter '{t.Matter}' is not on the allow-list");
        }
        else if (Matters.IsReward(t.Matter) && (!t.IsPositive || t.IsNegative))
        {
            ctx.Report(PolicyRules.RewardMatterPositiveOnly, $"{at}.matter",
                $"{what} has the reward matter '{Matters.NameOf(t.Matter)}' but its points are not positive: reward matters may only raise a score");
        }

        if (!Enum.IsDefined(t.Severity))
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.severity", $"{what}: severity '{t.Severity}' is not one of {string.Join(", ", PolicyVocabulary.Severities.Keys)}");
        }
    }

    private static void CheckPoints(ValidationContext ctx, RecordType t, string at, string what)
    {
        if (t.Lasts.IsZero)
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.lasts", $"{what} lasts 0d: a record type's effect must last some time");
        }

        if (t.PerUnit is { } u)
        {
            if (u.Points == 0)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.per-unit.points", $"{what}: per-unit points must not be 0");
            }

            if (u.Per <= 0)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.per-unit.per", $"{what}: per-unit 'per' is {u.Per}; it must be a positive amount");
            }

            if (string.IsNullOrWhiteSpace(u.Unit))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.per-unit.unit", $"{what}: per-unit points need a unit, e.g. yuan");
            }

            if (u.MaxSteps is < 1)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.per-unit.max-steps", $"{what}: per-unit max-steps is {u.MaxSteps}; it must be at least 1");
            }

            if (t.Points != 0 && Math.Sign(t.Points) != Math.Sign(u.Points))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.per-unit.points", $"{what}: fixed points {t.Points} and per-unit points {u.Points} pull in opposite directions");
            }
        }

        if (t.Cap is { } cap)
        {
            if (cap.Points <= 0)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.cap.points", $"{what}: cap points is {cap.Points}; a cap is a positive magnitude");
            }

            if (cap.Window.IsZero)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.cap.window", $"{what}: a cap needs a window longer than 0d");
            }

            if (!t.IsNegative && !t.IsPositive)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.cap", $"{what} moves no points, so a cap means nothing");
            }
        }

        if (t.Bankruptcy && !t.IsNegative)
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.bankruptcy", $"{what} is marked bankruptcy but is not adverse: only negative types can be bankruptcies");
        }
    }
}
