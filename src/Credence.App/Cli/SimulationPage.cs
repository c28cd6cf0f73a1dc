using System.Globalization;
using System.Net;
using System.Text;
using Credence.Core.Fairness;
using Credence.Core.Simulation;
using Credence.Portal.Components.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credence.App.Cli;

/// <summary>
/// A simulation report as one self-contained HTML page (no script, nothing fetched): the grade
/// transition matrix as a table, and the portal's own server-rendered SVG charts (each with its
/// table of the same numbers beside it) for the score changes, the lists and the disparities the draft
/// introduces or removes; the fairness difference in words and tables; headings in English and
/// Simplified Chinese.
/// </summary>
internal static class SimulationPage
{
    public static async Task<string> RenderAsync(SimulationReport r, string digest)
    {
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulation ").Append(E(r.Policy)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem}td.num{text-align:right}.chart-body{display:flex;gap:2rem;flex-wrap:wrap}figure{margin:1rem 0}</style></head><body>");
        html.Append("<h1>Policy simulation <span lang=\"zh-Hans\">政策模拟</span></h1><dl>");
        Item(html, "Draft / 草案", r.Policy);
        Item(html, "Against / 对照", r.Against ?? "no policy in force / 无生效政策");
        Item(html, "Records as known at / 记录截至", r.AsOf);
        Item(html, "Subjects / 主体", $"{r.Population} {r.Subjects}; {r.Changed} change / 有变化");
        Item(html, "Report / 报告", $"{r.Id} {digest}");
        Item(html, "Draft text / 草案文本", r.PolicyDigest);
        Item(html, "Created / 创建", $"{r.CreatedAt} by {r.CreatedBy}");
        html.Append("</dl>");

        html.Append("<h2>Grade transitions <span lang=\"zh-Hans\">等级变化</span></h2><table><caption>Subjects by grade before (rows) and under the draft (columns); share of the row in brackets</caption><thead><tr><th scope=\"col\">from \\ to</th>");
        foreach (var to in r.Grades.To)
        {
            html.Append("<th scope=\"col\">").Append(E(to)).Append("</th>");
        }

        html.Append("<th scope=\"col\">total</th></tr></thead><tbody>");
        foreach (var row in r.Grades.Rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(row.From)).Append("</th>");
            foreach (var cell in row.Cells)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{cell.Count} ({cell.ShareOfRow:P1})</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{row.Total}</td></tr>");
        }

        html.Append("</tbody></table>");

        html.Append("<h2>Score changes <span lang=\"zh-Hans\">分数变化</span></h2>");
        html.Append(await ChartAsync("scores", "Subjects by change of score (draft minus baseline)", "change", "subjects", [.. r.Scores.Buckets.Select(b => new ChartBar(b.Label, b.Count))]));
        html.Append(CultureInfo.InvariantCulture, $"<p>{r.Scores.Compared} compared: {r.Scores.Raised} raised, {r.Scores.Lowered} lowered, {r.Scores.Unchanged} unchanged; {r.Scores.NewlyScored} newly scored, {r.Scores.NoLongerScored} no longer scored.</p>");

        html.Append("<h2>Lists <span lang=\"zh-Hans\">名单</span></h2>");
        html.Append(await ChartAsync("lists", "Members of each list under the draft", "list", "members", [.. r.Lists.Select(l => new ChartBar(l.List, l.After))]));
        Table(html, "Lists entered and left", ["list", "before", "after", "entered", "left"], r.Lists.Select(l => new object[] { l.List, l.Before, l.After, l.Entered, l.Left }));

        html.Append("<h2>Measures and relying parties <span lang=\"zh-Hans\">措施与依赖方</span></h2>");
        Table(html, "Measures whose outcome changes", ["measure", "capability", "effect", "before", "after", "start", "stop"], r.Measures.Select(m => new object[] { m.Measure, m.Capability, m.Effect, m.Before, m.After, m.Started, m.Stopped }));
        Table(html, "Relying parties whose answers change", ["relying party", "capability", "changed", "to"], r.RelyingParties.Select(p => new object[] { p.RelyingParty, p.Capability, p.Changed, string.Join(", ", p.ToAnswer.Select(a => $"{a.Key} {a.Value}")) }));

        html.Append("<h2>Past decisions <span lang=\"zh-Hans\">既往决定</span></h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{r.Decisions.Checked} checked; {r.Decisions.Different} would have been answered differently.</p>");
        Table(html, "Past decisions by measure and relying party", ["measure", "relying party", "checked", "different", "changes"], r.Decisions.Rows.Select(d => new object[] { d.Measure, d.RelyingParty, d.Checked, d.Different, string.Join(", ", d.Changes.Select(c => $"{c.Key} {c.Value}")) }));

        html.Append("<h2>What drives the change <span lang=\"zh-Hans\">变化原因</span></h2>");
        Table(html, "Record types, by points shifted", ["record type", "subjects", "points before", "points after", "shift"], r.Drivers.RecordTypes.Select(t => new object[] { t.Type, t.Subjects, t.PointsBefore, t.PointsAfter, t.Shift }));
        Table(html, "Rules, by subjects affected", ["rule", "subjects"], r.Drivers.Rules.Select(x => new object[] { x.Rule, x.Subjects }));

        if (r.Fairness is { } fairness)
        {
            await FairnessAsync(html, fairness);
        }

        html.Append("<h2>Most changed subjects <span lang=\"zh-Hans\">变化最大的主体</span></h2>");
        html.Append("<p>Subject ids are ").Append(r.SubjectIds == "masked" ? "masked (a stated purpose shows them, logged)" : "shown for a stated purpose, logged as a read of each").Append(".</p>");
        Table(html, "Sample", ["#", "subject", "before", "after", "score change"], r.Sample.Select(x => new object[] { x.Rank, x.Subject, Outcome(x.Before), Outcome(x.After), x.ScoreChange }));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The fairness difference: the report's words in both languages, a chart and a table of the
    /// disparities the draft introduces and removes, then every cohort of every dimension and outcome
    /// under both policies (small cohorts marked, not left out).
    /// </summary>
    private static async Task FairnessAsync(StringBuilder html, FairnessDifference f)
    {
        html.Append("<h2>Fairness: the difference the draft makes <span lang=\"zh-Hans\">公平性：草案带来的差异</span></h2>");
        foreach (var line in f.Words.En)
        {
            html.Append("<p>").Append(E(line)).Append("</p>");
        }

        foreach (var line in f.Words.Zh)
        {
            html.Append("<p lang=\"zh-Hans\">").Append(E(line)).Append("</p>");
        }

        var outcomes = f.Outcomes.ToDictionary(o => o.Id, o => o.Label, StringComparer.Ordinal);
        string Name(CohortChange c) => $"{CohortDimensions.Label(c.Dimension)} {c.Cohort.Label}: {outcomes.GetValueOrDefault(c.Outcome, c.Outcome)}";
        var moved = f.Cohorts.Where(c => c.Disparity is CohortChange.Introduced or CohortChange.Removed).ToList();
        if (moved.Count > 0)
        {
            html.Append(await ChartAsync<SignedBarChart>("fairness", "Adverse rate under the draft less under the baseline, in percentage points, for each disparity introduced or removed", "cohort and outcome", "points",
                [.. moved.Select(c => new ChartBar($"{c.Disparity}: {Name(c)}", Math.Round((c.Change ?? 0) * 100, 1)))]));
        }

        Table(html, "Disparities introduced and removed (rates with their bootstrap intervals; ratio: the four-fifths rule's favourable-outcome ratio)",
            ["disparity", "cohort and outcome", "baseline", "draft", "change", "record types that carry it"],
            moved.Select(c => new object[] { c.Disparity, Name(c), Side(c.Before), Side(c.After), Points(c.Change), string.Join(", ", c.Carriers.Select(p => $"{p.Type} (+{p.Carried * 100:0.0} points)")) }));

        foreach (var dimension in f.Cohorts.GroupBy(c => c.Dimension, StringComparer.Ordinal))
        {
            html.Append("<h3>").Append(E(CohortDimensions.Label(dimension.Key))).Append(" <span lang=\"zh-Hans\">").Append(E(CohortDimensions.LabelZh(dimension.Key))).Append("</span></h3>");
            Table(html, $"Every cohort and adverse outcome under {f.Against ?? "no baseline"} and under {f.Draft} (cohorts of fewer than {f.MinCohort} are marked small and not judged)",
                ["cohort", "outcome", "baseline", "draft", "change", "disparity"],
                dimension.Select(c => new object[] { c.Cohort.Label, outcomes.GetValueOrDefault(c.Outcome, c.Outcome), Side(c.Before), Side(c.After), Points(c.Change), c.Disparity }));
        }
    }

    private static string Side(CohortSide? s)
    {
        if (s is null)
        {
            return "-";
        }

        if (s.Rate is not { } rate)
        {
            return $"none of {s.Subjects} it applies to";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{rate:P1} [{s.RateLow:P1}–{s.RateHigh:P1}] of {s.Applicable}; ratio {(s.ImpactRatio is { } i ? i.ToString("0.00", CultureInfo.InvariantCulture) : "-")}");
        if (s.Reference)
        {
            text += "; most favoured";
        }

        if (s.Small)
        {
            text += "; small, not judged";
        }

        return s.Flags.IsDefaultOrEmpty ? text : $"{text}; flagged: {string.Join(", ", s.Flags)}";
    }

    private static string Points(double? change) => change is { } c ? (c * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " points" : "-";

    private static string Outcome(SimulationReport.SampleOutcome o) =>
        $"{o.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"} {o.Grade ?? "-"} [{string.Join(' ', o.Lists)}]";

    private static Task<string> ChartAsync(string id, string caption, string labelHeader, string valueHeader, IReadOnlyList<ChartBar> bars) =>
        ChartAsync<BarChart>(id, caption, labelHeader, valueHeader, bars);

    /// <summary>A chart component of the portal's (<see cref="BarChart"/>, or <see cref="SignedBarChart"/> for values either side of 0), rendered to HTML.</summary>
    private static async Task<string> ChartAsync<TChart>(string id, string caption, string labelHeader, string valueHeader, IReadOnlyList<ChartBar> bars)
        where TChart : IComponent
    {
        // The portal's components take its localizer; the page is rendered in the invariant culture (English).
        await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BarChart.Id)] = id,
                [nameof(BarChart.Caption)] = caption,
                [nameof(BarChart.Bars)] = bars,
                [nameof(BarChart.LabelHeader)] = labelHeader,
                [nameof(BarChart.ValueHeader)] = valueHeader,
            });
            return (await renderer.RenderComponentAsync<TChart>(parameters)).ToHtmlString();
        });
    }

    private static void Item(StringBuilder html, string term, string value) => html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static void Table(StringBuilder html, string caption, string[] headers, IEnumerable<object[]> rows)
    {
        html.Append("<table><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var h in headers)
        {
            html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell is string ? "<td>" : "<td class=\"num\">").Append(E(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
