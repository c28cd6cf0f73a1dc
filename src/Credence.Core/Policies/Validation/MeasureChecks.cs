using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>Measures: ids, capabilities, what triggers them and what they relate to.</summary>
internal static class MeasureChecks
{
    public static void Check(ValidationContext ctx)
    {
        var measures = ctx.Policy.Measures.IsDefault ? [] : ctx.Policy.Measures;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            var at = $"measures[{i}]";
            var what = $"measure '{m.Id}'";
            if (!IdSyntax.IsId(m.Id))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.id", $"{what}: the id is not an id: use {IdSyntax.IdRule}");
            }
            else if (!ids.Add(m.Id))
            {
                ctx.Report(PolicyRules.DuplicateId, $"{at}.id", $"measure '{m.Id}' is declared twice");
            }

            if (string.IsNullOrWhiteSpace(m.Name))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.name", $"{what} needs a name");
            }

            if (!Enum.IsDefined(m.Effect))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.effect", $"{what}: effect '{m.Effect}' is not one of {string.Join(", ", PolicyVocabulary.MeasureEffects.Keys)}");
            }

            if (!IdSyntax.IsCapability(m.Capability))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.capability", $"{what}: capability '{m.Capability}' must be {IdSyntax.CapabilityRule}");
            }

            CheckTrigger(ctx, m, at, what);
            CheckRelatesTo(ctx, m, at, what);
        }
    }

    private static void CheckTrigger(ValidationContext ctx, Measure m, string at, string what)
    {
        var t = m.Trigger;
        var byGrade = t is not null && (t.GradeAtLeast is not null || t.GradeAtMost is not null);
        if (t is null || (t.List is null && !byGrade))
        {
            ctx.Report(PolicyRules.MissingKey, $"{at}.when", $"{what} needs a trigger: when: {{ list: ... }} or a grade-at-least / grade-at-most");
            return;
        }

        if (t.List is not null && byGrade)
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.when", $"{what} is triggered by a list and a grade at once: name one or the other");
        }

        if (t.List is not null && !ctx.Lists.ContainsKey(t.List))
        {
            ctx.Report(PolicyRules.UnknownReference, $"{at}.when.list", $"{what} refers to list '{t.List}', which the policy does not define");
        }

        ListChecks.GradeReference(ctx, t.GradeAtLeast, $"{at}.when.grade-at-least", what);
        ListChecks.GradeReference(ctx, t.GradeAtMost, $"{at}.when.grade-at-most", what);
    }

    private static void CheckRelatesTo(ValidationContext ctx, Measure m, string at, string what)
    {
        var areas = m.RelatesToAreas.IsDefault ? [] : m.RelatesToAreas;
        for (var j = 0; j < areas.Length; j++)
        {
            if (!Enum.IsDefined(areas[j]))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.relates-to.areas[{j}]", $"{what}: area '{areas[j]}' is not one of {string.Join(", ", PolicyVocabulary.Areas.Keys)}");
            }
        }

        var matters = m.RelatesToMatters.IsDefault ? [] : m.RelatesToMatters;
        for (var j = 0; j < matters.Length; j++)
        {
            if (!Enum.IsDefined(matters[j]))
            {
                ctx.Report(PolicyRules.UnknownMatter, $"{at}.relates-to.matters[{j}]", $"{what}: matter '{matters[j]}' is not on the allow-list");
            }
        }
    }
}
