using Credence.Core.Policies.Loading;
using Credence.Core.Records;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// The <c>prc-credit-repair</c> profile: publication periods by severity (minor at most 3 months,
/// general 3 months to 1 year, serious 1 to 3 years), repair after the minimum period, and the
/// court defaulter list's 2-year term, extendable by 1 to 3 years.
/// </summary>
internal static class PrcCreditRepairChecks
{
    private static readonly PolicyDuration ThreeMonths = PolicyDuration.FromMonths(3);
    private static readonly PolicyDuration OneYear = PolicyDuration.FromYears(1);
    private static readonly PolicyDuration TwoYears = PolicyDuration.FromYears(2);
    private static readonly PolicyDuration ThreeYears = PolicyDuration.FromYears(3);

    public static void Check(ValidationContext ctx)
    {
        CheckPublicationPeriods(ctx);
        CheckDefaulterLists(ctx);
        CheckRepair(ctx);
    }

    /// <summary>The publication period a severity class allows, as [min, max].</summary>
    internal static (PolicyDuration Min, PolicyDuration Max) Range(Severity severity) => severity switch
    {
        Severity.Minor => (PolicyDuration.Zero, ThreeMonths),
        Severity.General => (ThreeMonths, OneYear),
        _ => (OneYear, ThreeYears),
    };

    private static void CheckPublicationPeriods(ValidationContext ctx)
    {
        var types = ctx.Policy.RecordTypes.IsDefault ? [] : ctx.Policy.RecordTypes;
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            if (!t.IsNegative || !Enum.IsDefined(t.Severity))
            {
                continue;
            }

            var (min, max) = Range(t.Severity);
            if (t.Lasts < min || t.Lasts > max)
            {
                ctx.Report(PolicyRules.PrcPublicationPeriod, $"record-types[{i}].lasts",
                    $"record type '{t.Id}' is {PolicyVocabulary.NameOf(t.Severity)} and lasts {t.Lasts}; the profile publishes {PolicyVocabulary.NameOf(t.Severity)} records for {Describe(min, max)}", [t]);
            }
        }
    }

    private static void CheckDefaulterLists(ValidationContext ctx)
    {
        var lists = ctx.Policy.Lists.IsDefault ? [] : ctx.Policy.Lists;
        for (var i = 0; i < lists.Length; i++)
        {
            var l = lists[i];
            var judgments = RestrictionChecks.EntryTypes(ctx, l).Where(t => t.IsNegative && t.Matter == Matter.CourtJudgments).ToList();
            if (l.Kind != ListKind.Blacklist || judgments.Count == 0)
            {
                continue;
            }

            foreach (var t in judgments.Where(t => t.Area != Area.Judicial))
            {
                ctx.Report(PolicyRules.PrcDefaulterTerm, $"lists[{i}].entry",
                    $"court defaulter list '{l.Id}' is entered by '{t.Id}' in the {PolicyVocabulary.NameOf(t.Area)} area: its grounds need a court decision (judicial area)", [t]);
            }

            if (l.Exit?.Term is not { } term || term.CompareTo(TwoYears) != 0)
            {
                var found = l.Exit?.Term is { } x ? $"has a term of {x}" : "has no term";
                ctx.Report(PolicyRules.PrcDefaulterTerm, $"lists[{i}].exit.term",
                    $"court defaulter list '{l.Id}' {found}; the profile lists court defaulters for 2 years (2y) for fixed-term grounds", judgments);
            }

            if (l.Exit?.Extension is { } ext && (ext.Length < OneYear || ext.Length > ThreeYears))
            {
                ctx.Report(PolicyRules.PrcDefaulterTerm, $"lists[{i}].exit.extension.length",
                    $"court defaulter list '{l.Id}' extends its term by {ext.Length}; the profile allows an extension of 1 to 3 years", judgments);
            }
        }
    }

    private static void CheckRepair(ValidationContext ctx)
    {
        var repair = ctx.Policy.Repair;
        if (repair is null)
        {
            return;
        }

        var periods = repair.MinimumPeriod ?? System.Collections.Immutable.ImmutableDictionary<Severity, PolicyDuration>.Empty;
        foreach (var (severity, period) in periods.OrderBy(kv => kv.Key))
        {
            if (!Enum.IsDefined(severity))
            {
                continue;
            }

            var (min, max) = Range(severity);
            if (period < min || period > max)
            {
                var name = PolicyVocabulary.NameOf(severity);
                ctx.Report(PolicyRules.PrcRepairMinimum, $"repair.minimum-period.{name}",
                    $"the minimum period before {name} records may be repaired is {period}; the profile requires {Describe(min, max)} (the publication range of {name} records)");
            }
        }

        var qualifying = repair.Qualifying.IsDefault ? [] : repair.Qualifying;
        for (var i = 0; i < qualifying.Length; i++)
        {
            var forTypes = qualifying[i].ForTypes.IsDefault ? [] : qualifying[i].ForTypes;
            for (var j = 0; j < forTypes.Length; j++)
            {
                if (!ctx.Types.TryGetValue(forTypes[j], out var t) || !t.IsNegative || !Enum.IsDefined(t.Severity))
                {
                    continue;
                }

                var name = PolicyVocabulary.NameOf(t.Severity);
                if (!periods.TryGetValue(t.Severity, out var period))
                {
                    ctx.Report(PolicyRules.PrcRepairMinimum, $"repair.qualifying[{i}].for[{j}]",
                        $"record type '{t.Id}' may be repaired, but the policy sets no minimum period for {name} records (repair.minimum-period.{name})", [t]);
                }
                else if (period > t.Lasts)
                {
                    ctx.Report(PolicyRules.PrcRepairMinimum, $"repair.qualifying[{i}].for[{j}]",
                        $"record type '{t.Id}' lasts {t.Lasts}, shorter than the {period} minimum period before {name} records may be repaired: repair could never apply", [t]);
                }
            }
        }
    }

    private static string Describe(PolicyDuration min, PolicyDuration max) =>
        min.IsZero ? $"at most {max}" : $"{min} to {max}";
}
