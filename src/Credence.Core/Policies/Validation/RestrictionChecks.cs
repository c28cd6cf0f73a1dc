using Credence.Core.Policies.Loading;
using Credence.Core.Records;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Promise 4: a restriction rests on adjudicated facts. A restricting measure is triggered by a
/// blacklist whose entry requires an active negative record (negative records need a legal basis),
/// and relates only to the areas and matters of those records. A grade alone only grants.
/// </summary>
internal static class RestrictionChecks
{
    public static void Check(ValidationContext ctx)
    {
        var measures = ctx.Policy.Measures.IsDefault ? [] : ctx.Policy.Measures;
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            if (m.Effect != MeasureEffect.Restrict || m.Trigger is null)
            {
                continue;
            }

            var at = $"measures[{i}]";
            var what = $"restricting measure '{m.Id}'";
            if (m.Trigger.List is null)
            {
                ctx.Report(PolicyRules.RestrictionNeedsAdjudicatedList, $"{at}.when",
                    $"{what} is triggered by a grade: a score or grade alone can only grant or withhold a reward; a restriction needs a blacklist resting on adjudicated records");
                continue;
            }

            if (!ctx.Lists.TryGetValue(m.Trigger.List, out var list))
            {
                continue;
            }

            var types = EntryTypes(ctx, list);
            if (list.Kind != ListKind.Blacklist || types.Count == 0 || types.Any(t => !t.IsNegative))
            {
                ctx.Report(PolicyRules.RestrictionNeedsAdjudicatedList, $"{at}.when.list",
                    $"{what} is triggered by {PolicyVocabulary.NameOf(list.Kind)} '{list.Id}', whose entry does not require an active negative record: a restriction needs a blacklist entered only by records with a legal basis", types);
                continue;
            }

            CheckContext(ctx, m, at, what, list, types);
        }
    }

    /// <summary>The known record types whose active records enter <paramref name="list"/>.</summary>
    internal static List<RecordType> EntryTypes(ValidationContext ctx, ListDefinition list) =>
        list.Entry is null || list.Entry.ActiveRecordOf.IsDefault
            ? []
            : [.. list.Entry.ActiveRecordOf.Select(id => ctx.Types.GetValueOrDefault(id)).OfType<RecordType>()];

    private static void CheckContext(ValidationContext ctx, Measure m, string at, string what, ListDefinition list, List<RecordType> types)
    {
        // A type whose area or matter was itself refused is reported there, not again here.
        if (types.Any(t => !Enum.IsDefined(t.Area) || !Enum.IsDefined(t.Matter)))
        {
            return;
        }

        var areas = m.RelatesToAreas.IsDefault ? [] : m.RelatesToAreas;
        var matters = m.RelatesToMatters.IsDefault ? [] : m.RelatesToMatters;
        if (areas.IsEmpty || matters.IsEmpty)
        {
            ctx.Report(PolicyRules.RestrictionUnrelatedContext, $"{at}.relates-to",
                $"{what} must name the areas and matters it relates to (relates-to: areas and matters), taken from the records that enter list '{list.Id}'", types);
            return;
        }

        var listAreas = types.Select(t => t.Area).ToHashSet();
        var listMatters = types.Select(t => t.Matter).ToHashSet();
        for (var j = 0; j < areas.Length; j++)
        {
            if (Enum.IsDefined(areas[j]) && !listAreas.Contains(areas[j]))
            {
                ctx.Report(PolicyRules.RestrictionUnrelatedContext, $"{at}.relates-to.areas[{j}]",
                    $"{what} relates to the area '{PolicyVocabulary.NameOf(areas[j])}', but the records that enter list '{list.Id}' are {Names(listAreas.Select(PolicyVocabulary.NameOf))}: a restriction may only apply in the context of its records", types);
            }
        }

        for (var j = 0; j < matters.Length; j++)
        {
            if (Enum.IsDefined(matters[j]) && !listMatters.Contains(matters[j]))
            {
                ctx.Report(PolicyRules.RestrictionUnrelatedContext, $"{at}.relates-to.matters[{j}]",
                    $"{what} relates to the matter '{Matters.NameOf(matters[j])}', but the records that enter list '{list.Id}' are about {Names(listMatters.Select(Matters.NameOf))}: a restriction may only apply in the context of its records", types);
            }
        }
    }

    internal static string Names(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));

    internal static string Names(IEnumerable<Area> areas) => Names(areas.Select(PolicyVocabulary.NameOf));
}
