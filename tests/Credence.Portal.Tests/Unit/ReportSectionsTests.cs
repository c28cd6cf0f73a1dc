using System.Globalization;
using Credence.Portal.Components.Pages.Operator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credence.Portal.Tests.Unit;

/// <summary>
/// A part of a simulation report the report page does not draw by name (a section the registry adds
/// later, such as a fairness difference) is still shown, from the report's JSON, under its own name,
/// and the parts drawn by name are not shown twice.
/// </summary>
public sealed class ReportSectionsTests
{
    private static async Task<string> RenderAsync(string json, params string[] known)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddLocalization();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<ReportSections>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(ReportSections.Report)] = json,
                    [nameof(ReportSections.Known)] = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase),
                }));
                return output.ToHtmlString();
            });
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task A_new_section_is_shown_under_its_name_with_its_rows_as_a_table_and_known_parts_are_left_out()
    {
        var json = """
            {"policy":"p@1","grades":{"rows":[]},
             "fairnessDifference":{"outcome":"listed","cohorts":[{"cohort":"province:37","rateBefore":0.1,"rateAfter":0.25,"flagged":true,"small":false},{"cohort":"<script>","rateBefore":null,"rateAfter":0.2,"flagged":false}],"notes":["small cohorts are marked"]},
             "anotherPart":42}
            """;
        var html = await RenderAsync(json, "policy", "grades");

        Assert.Contains(">fairness difference</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">another part</h2>", html, StringComparison.Ordinal);
        Assert.Matches(">another part</h2>\\s*42\\s*</section>", html);
        Assert.DoesNotContain("p@1", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">grades<", html, StringComparison.Ordinal);

        // A list of rows is a table with one column per field (a field a row lacks is an empty cell), values as written.
        foreach (var header in new[] { "cohort", "rate before", "rate after", "flagged", "small" })
        {
            Assert.Contains($"<th scope=\"col\">{header}</th>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<td>province:37</td><td>0.1</td><td>0.25</td><td>yes</td><td>no</td>", html, StringComparison.Ordinal);
        Assert.Matches("<td>&lt;script&gt;</td><td>(—|&#x2014;)</td><td>0.2</td><td>no</td><td></td>", html);
        Assert.Contains("<li>small cohorts are marked</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_with_only_known_parts_adds_nothing()
    {
        Assert.Equal(string.Empty, (await RenderAsync("""{"policy":"p@1","sample":[]}""", "policy", "sample")).Trim());
    }
}
