using System.Collections.Immutable;
using static Credence.Core.Fairness.FairnessSentences;

namespace Credence.Core.Fairness;

/// <summary>What a draft does to fairness, said plainly in English and Chinese, line for line: the disparities it introduces and removes, and the cohorts too small to judge.</summary>
internal static class FairnessDifferenceWords
{
    public static FairnessWords Of(FairnessSection? before, FairnessSection after, ImmutableArray<CohortChange> rows, FairnessOptions options)
    {
        var en = ImmutableArray.CreateBuilder<string>();
        var zh = ImmutableArray.CreateBuilder<string>();
        var introduced = Ranked(rows.Where(r => r.Disparity == CohortChange.Introduced), after).ToList();
        var removed = Ranked(rows.Where(r => r.Disparity == CohortChange.Removed), before).ToList();
        var kept = rows.Count(r => r.Disparity == CohortChange.Kept);
        var draft = after.PolicyVersion;
        if (before is null)
        {
            en.Add($"Fairness of {draft}, with no policy in force to compare with: each of its {N(after.Findings.Length)} {Disparities(after.Findings.Length)} is introduced by the draft.");
            zh.Add($"{draft}的公平性（无生效政策可作对照）：其{N(after.Findings.Length)}处差异均由草案引入。");
        }
        else
        {
            en.Add($"Fairness of {draft} against {before.PolicyVersion}: {N(before.Findings.Length)} {Disparities(before.Findings.Length)} under {before.PolicyVersion}, {N(after.Findings.Length)} under the draft; the draft introduces {N(introduced.Count)} and removes {N(removed.Count)}.");
            zh.Add($"{draft}对比{before.PolicyVersion}的公平性：{before.PolicyVersion}下有{N(before.Findings.Length)}处差异，草案下有{N(after.Findings.Length)}处；草案新增{N(introduced.Count)}处，消除{N(removed.Count)}处。");
            if (introduced.Count == 0 && removed.Count == 0)
            {
                en.Add("The draft introduces no disparity and removes none.");
                zh.Add("草案既未引入差异，也未消除差异。");
            }
        }

        var was = before?.PolicyVersion;
        foreach (var (row, finding) in introduced)
        {
            var outcome = Outcome(after, row.Outcome);
            var (rule, ruleZh) = Rules(row.After!.Flags);
            var then = row.Before?.Rate is { } r0 ? $"{Percent(r0)} under {was}" : was is null ? "no policy before" : $"not measured under {was}";
            var thenZh = row.Before?.Rate is { } z0 ? $"{was}下为{Percent(z0)}" : was is null ? "此前无政策" : $"{was}下未计";
            var ratio = $"{Ratio(row.Before?.ImpactRatio)} → {Ratio(row.After.ImpactRatio)}";
            en.Add($"Introduces [{rule}]: {CohortDimensions.Label(row.Dimension)} {row.Cohort.Label}: {outcome.Label} for {Percent(row.After.Rate!.Value)} ({Percent(options.Confidence, 0)} interval {Percent(row.After.RateLow!.Value)}–{Percent(row.After.RateHigh!.Value)}) of {N(row.After.Applicable)} under the draft, {then}; against {Percent(finding.ReferenceRate)} in {finding.Reference.Label}, the most favoured; favourable-outcome ratio {ratio}.{Firm(finding)}{Carriers(row)}");
            zh.Add($"新增【{ruleZh}】：{CohortDimensions.LabelZh(row.Dimension)}{row.Cohort.LabelZh}：草案下{outcome.LabelZh}的比例为{Percent(row.After.Rate!.Value)}（{Percent(options.Confidence, 0)}区间{Percent(row.After.RateLow!.Value)}–{Percent(row.After.RateHigh!.Value)}，共{N(row.After.Applicable)}个），{thenZh}；最有利群体{finding.Reference.LabelZh}为{Percent(finding.ReferenceRate)}；有利结果比率{ratio}。{FirmZh(finding)}{CarriersZh(row)}");
        }

        foreach (var (row, _) in removed)
        {
            var outcome = Outcome(before!, row.Outcome);
            var (rule, ruleZh) = Rules(row.Before!.Flags);
            var ratio = $"{Ratio(row.Before.ImpactRatio)} → {Ratio(row.After?.ImpactRatio)}";
            var (now, nowZh) = row.After switch
            {
                null => ("the draft has no such outcome", "草案无此结果"),
                { Rate: null } => ("no one it applies to under the draft", "草案下无适用主体"),
                { Small: true } a => ($"{Percent(a.Rate!.Value)} under the draft, where the cohort has fewer than {N(options.MinCohort)} subjects it applies to (shown and marked small, not judged: the disparity is no longer judged, not shown to be gone)", $"草案下为{Percent(a.Rate!.Value)}，但适用主体少于{N(options.MinCohort)}个（列出并标注为小群体，不作判断：差异只是不再判断，并未证明消失）"),
                var a => ($"{Percent(a.Rate!.Value)} under the draft ({Percent(options.Confidence, 0)} interval {Percent(a.RateLow!.Value)}–{Percent(a.RateHigh!.Value)})", $"草案下为{Percent(a.Rate!.Value)}（{Percent(options.Confidence, 0)}区间{Percent(a.RateLow!.Value)}–{Percent(a.RateHigh!.Value)}）"),
            };
            en.Add($"Removes [{rule}]: {CohortDimensions.Label(row.Dimension)} {row.Cohort.Label}: {outcome.Label} for {Percent(row.Before.Rate!.Value)} of {N(row.Before.Applicable)} under {was}, {now}; favourable-outcome ratio {ratio}.{Carriers(row, "It was carried by")}");
            zh.Add($"消除【{ruleZh}】：{CohortDimensions.LabelZh(row.Dimension)}{row.Cohort.LabelZh}：{was}下{outcome.LabelZh}的比例为{Percent(row.Before.Rate!.Value)}（共{N(row.Before.Applicable)}个），{nowZh}；有利结果比率{ratio}。{CarriersZh(row, "原承载该差异的记录类型")}");
        }

        if (kept > 0)
        {
            en.Add($"{N(kept)} {Disparities(kept)} flagged under both remain (disparity \"kept\" in the report's cohorts).");
            zh.Add($"两者下均被标记的{N(kept)}处差异仍然存在（报告中标为“kept”）。");
        }

        if (FairnessSentences.SmallCohorts(after, options) is { } small)
        {
            en.Add($"{N(small.Count)} {(small.Count == 1 ? "cohort has" : "cohorts have")} fewer than {N(options.MinCohort)} subjects under the draft ({small.Named}): shown with their rates under both policies and marked small, not judged.");
            zh.Add($"草案下{N(small.Count)}个群体少于{N(options.MinCohort)}个主体（{small.NamedZh}）：照常列出两种政策下的比例并标注为小群体，不作判断。");
        }

        en.Add($"Intervals: {Percent(options.Confidence, 0)} percentile bootstrap, {N(options.Replicates)} replicates, seed {options.Seed}, the same under both policies.");
        zh.Add($"区间：{Percent(options.Confidence, 0)}百分位自助法，{N(options.Replicates)}次重抽样，种子{options.Seed}，两种政策相同。");
        return new FairnessWords(en.DrainToImmutable(), zh.DrainToImmutable());
    }

    /// <summary>The rows in the order of their section's findings (most severe first), each with its finding.</summary>
    private static IEnumerable<(CohortChange Row, Finding Finding)> Ranked(IEnumerable<CohortChange> rows, FairnessSection? section)
    {
        var findings = section?.Findings ?? [];
        return rows
            .Select(r => (Row: r, Index: findings.IndexOf(findings.FirstOrDefault(f => f.Dimension == r.Dimension && f.Outcome.Id == r.Outcome && f.Cohort.Key == r.Cohort.Key)!)))
            .OrderBy(x => x.Index)
            .Select(x => (x.Row, findings[x.Index]));
    }

    private static AdverseOutcome Outcome(FairnessSection section, string id) => section.Outcomes.First(o => o.Id == id);

    private static string Disparities(int n) => n == 1 ? "disparity" : "disparities";

    private static (string En, string Zh) Rules(ImmutableArray<string> flags) => (
        string.Join(" and ", flags.Select(f => f == "four-fifths" ? "the four-fifths rule" : "the 1.25 adverse band")),
        string.Join("、", flags.Select(f => f == "four-fifths" ? "五分之四规则" : "1.25倍不利比例界限")));

    private static string Ratio(double? ratio) => ratio is { } r ? Number(r) : "-";

    private static string Firm(Finding f) => f.Firm ? " The ratio's whole interval is below 0.8." : string.Empty;

    private static string FirmZh(Finding f) => f.Firm ? "该比率的整个区间均低于0.8。" : string.Empty;

    private static string Carriers(CohortChange row, string lead = "Record types that carry it") => row.Carriers.IsDefaultOrEmpty
        ? " No record type is more common among this cohort's affected than among the most favoured cohort's."
        : $" {lead}: {string.Join(", ", row.Carriers.Select(c => $"{c.Type} (+{Points(c.Carried)} points)"))}.";

    private static string CarriersZh(CohortChange row, string lead = "承载该差异的记录类型") => row.Carriers.IsDefaultOrEmpty
        ? "没有哪种记录类型在该群体受影响者中比在最有利群体中更常见。"
        : $"{lead}：{string.Join("、", row.Carriers.Select(c => $"{c.Type}（高{Points(c.Carried)}个百分点）"))}。";
}
