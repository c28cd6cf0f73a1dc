using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>What a fairness report finds, said plainly in English and Chinese, line for line.</summary>
internal static class FairnessSentences
{
    private const int SmallNamed = 6;

    public static FairnessWords Of(FairnessSection s, FairnessOptions options)
    {
        var en = ImmutableArray.CreateBuilder<string>();
        var zh = ImmutableArray.CreateBuilder<string>();
        var who = s.Kind == SubjectKind.Person ? "Persons" : "Organisations";
        var whoZh = s.Kind == SubjectKind.Person ? "个人" : "组织";
        var at = Instant(options.AsOf);
        en.Add($"{who} under {s.PolicyVersion} as of {at}: {N(s.Assessed)} assessed; {N(s.UnderAge)} under the policy's minimum age and {N(s.NotCovered)} not covered are outside the population.");
        zh.Add($"{whoZh}（{s.PolicyVersion}，截至{at}）：评估{N(s.Assessed)}个；低于政策最低年龄的{N(s.UnderAge)}个、政策不覆盖的{N(s.NotCovered)}个不计入。");
        if (s.Findings.IsEmpty)
        {
            en.Add($"No disparity found: for every adverse outcome, every cohort of at least {N(options.MinCohort)} has a favourable-outcome rate at least 0.8 times the most favoured cohort's (four-fifths rule), and none has an adverse rate above 1.25 times it beyond resampling noise.");
            zh.Add($"未发现差异：对每一种不利结果，每个不少于{N(options.MinCohort)}个主体的群体，其有利结果比例均不低于最有利群体的0.8倍（五分之四规则），且没有群体的不利比例在重抽样误差之外高于其1.25倍。");
        }
        else
        {
            en.Add($"{N(s.Findings.Length)} {(s.Findings.Length == 1 ? "disparity" : "disparities")} found, most severe first:");
            zh.Add($"发现{N(s.Findings.Length)}处差异（按严重程度排列）：");
            foreach (var f in s.Findings)
            {
                en.Add(English(f, options));
                zh.Add(Chinese(f, options));
            }
        }

        if (FairnessSentences.SmallCohorts(s, options) is { } small)
        {
            en.Add($"{N(small.Count)} {(small.Count == 1 ? "cohort has" : "cohorts have")} fewer than {N(options.MinCohort)} subjects ({small.Named}): shown and marked small, not judged.");
            zh.Add($"{N(small.Count)}个群体少于{N(options.MinCohort)}个主体（{small.NamedZh}）：照常列出并标注为小群体，不作判断。");
        }

        foreach (var d in s.Dimensions)
        {
            var unknown = d.Cohorts.Select((c, i) => (c, i)).Where(x => !x.c.Known).Select(x => d.Sizes[x.i]).Sum();
            if (unknown > 0)
            {
                en.Add($"{N(unknown)} in the unknown cohort of {d.Label}: their identifiers do not say (reported as a cohort of its own).");
                zh.Add($"{d.LabelZh}中有{N(unknown)}个主体属于“未知”群体：其标识码无法说明（作为单独群体列出）。");
            }
        }

        return new FairnessWords(en.DrainToImmutable(), zh.DrainToImmutable());
    }

    public static FairnessWords Of(FairnessReport report)
    {
        var en = ImmutableArray.CreateBuilder<string>();
        var zh = ImmutableArray.CreateBuilder<string>();
        if (report.Sections.IsEmpty)
        {
            en.Add($"No policy was in force at {Instant(report.AsOf)}: there are no outcomes to compare.");
            zh.Add($"{Instant(report.AsOf)}时没有生效的政策：没有可比较的结果。");
        }

        foreach (var s in report.Sections)
        {
            en.AddRange(s.Words.En);
            zh.AddRange(s.Words.Zh);
        }

        if (report.Unreadable > 0)
        {
            en.Add($"{N(report.Unreadable)} stored subjects have identifiers their scheme refuses today: no cohort can be read from them, and they are not assessed.");
            zh.Add($"{N(report.Unreadable)}个已存主体的标识码不符合其编码规则：无法读出群体，未予评估。");
        }

        var confidence = Percent(report.Confidence, 0);
        en.Add($"Intervals: {confidence} percentile bootstrap, {N(report.Replicates)} replicates, seed {report.Seed}; cohorts of fewer than {N(report.MinCohort)} are not judged.");
        zh.Add($"区间：{confidence}百分位自助法，{N(report.Replicates)}次重抽样，种子{report.Seed}；少于{N(report.MinCohort)}个主体的群体不作判断。");
        return new FairnessWords(en.DrainToImmutable(), zh.DrainToImmutable());
    }

    private static string English(Finding f, FairnessOptions options)
    {
        var rule = string.Join(" and ", f.Flags.Select(flag => flag == DisparityFlag.FourFifths ? "the four-fifths rule" : "the 1.25 adverse band"));
        var ratio = f.ImpactRatio is { } i ? $"favourable-outcome ratio {Number(i)}" : "favourable-outcome ratio undefined";
        var times = f.AdverseRatio is { } r ? $", {Number(r)} times the adverse rate" : ", where the most favoured has none";
        var firm = f.Firm ? " The ratio's whole interval is below 0.8." : string.Empty;
        var carriers = f.Carriers.IsEmpty
            ? " No record type is more common among this cohort's affected than among the most favoured cohort's."
            : $" Record types that carry it: {string.Join(", ", f.Carriers.Select(c => $"{c.Type} (+{Points(c.Carried)} points)"))}.";
        return $"[{rule}] {CohortDimensions.Label(f.Dimension)} {f.Cohort.Label}: {f.Outcome.Label} for {Percent(f.Rate)} ({Percent(options.Confidence, 0)} interval {Percent(f.RateLow)}–{Percent(f.RateHigh)}) of {N(f.Applicable)}, against {Percent(f.ReferenceRate)} in {f.Reference.Label}, the most favoured; {ratio}{times}.{firm}{carriers}";
    }

    private static string Chinese(Finding f, FairnessOptions options)
    {
        var rule = string.Join("、", f.Flags.Select(flag => flag == DisparityFlag.FourFifths ? "五分之四规则" : "1.25倍不利比例界限"));
        var ratio = f.ImpactRatio is { } i ? $"有利结果比率为{Number(i)}" : "有利结果比率无法计算";
        var times = f.AdverseRatio is { } r ? $"，不利比例为其{Number(r)}倍" : "，而最有利群体无此结果";
        var firm = f.Firm ? "该比率的整个区间均低于0.8。" : string.Empty;
        var carriers = f.Carriers.IsEmpty
            ? "没有哪种记录类型在该群体受影响者中比在最有利群体中更常见。"
            : $"承载该差异的记录类型：{string.Join("、", f.Carriers.Select(c => $"{c.Type}（高{Points(c.Carried)}个百分点）"))}。";
        return $"【{rule}】{CohortDimensions.LabelZh(f.Dimension)}{f.Cohort.LabelZh}：{f.Outcome.LabelZh}的比例为{Percent(f.Rate)}（{Percent(options.Confidence, 0)}区间{Percent(f.RateLow)}–{Percent(f.RateHigh)}，共{N(f.Applicable)}个），最有利群体{f.Reference.LabelZh}为{Percent(f.ReferenceRate)}；{ratio}{times}。{firm}{carriers}";
    }

    /// <summary>
    /// The cohorts of <paramref name="section"/> smaller than the options' minimum, the first few named with
    /// their sizes in English and in Chinese (the rest counted); null when there is none.
    /// </summary>
    internal static (int Count, string Named, string NamedZh)? SmallCohorts(FairnessSection section, FairnessOptions options)
    {
        var small = section.Dimensions
            .SelectMany(d => d.Cohorts.Select((c, i) => (Cohort: c, Size: d.Sizes[i])))
            .Where(x => x.Size < options.MinCohort)
            .ToList();
        if (small.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", small.Take(SmallNamed).Select(x => $"{CohortDimensions.Label(x.Cohort.Dimension)} {x.Cohort.Label}: {N(x.Size)}"));
        var namedZh = string.Join("、", small.Take(SmallNamed).Select(x => $"{CohortDimensions.LabelZh(x.Cohort.Dimension)}{x.Cohort.LabelZh}：{N(x.Size)}"));
        var more = small.Count > SmallNamed ? $" and {N(small.Count - SmallNamed)} more" : string.Empty;
        var moreZh = small.Count > SmallNamed ? $"等（另有{N(small.Count - SmallNamed)}个）" : string.Empty;
        return (small.Count, named + more, namedZh + moreZh);
    }

    internal static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Percent(double rate, int decimals = 1) => (rate * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    internal static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Points(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
