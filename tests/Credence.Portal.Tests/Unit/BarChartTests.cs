using System.Text.RegularExpressions;
using Credence.Portal.Components.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credence.Portal.Tests.Unit;

/// <summary>The server-drawn bar chart: readable without colour, its numbers in a table beside it, nothing the CSP refuses.</summary>
public sealed class BarChartTests
{
    private static async Task<string> RenderAsync(IReadOnlyList<ChartBar> bars)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddLocalization();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<BarChart>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BarChart.Id)] = "grades",
                [nameof(BarChart.Caption)] = "Grades <of> organisations",
                [nameof(BarChart.Bars)] = bars,
                [nameof(BarChart.LabelHeader)] = "Grade",
                [nameof(BarChart.ValueHeader)] = "Organisations",
            }));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task Every_bar_has_its_own_pattern_and_its_value_written_and_the_table_holds_the_same_numbers()
    {
        ChartBar[] bars = [new("A", 7_850), new("B", 1_550), new("C", 300), new("D", 0), new("<script>", 12.5)];
        var html = await RenderAsync(bars);

        var fills = Regex.Matches(html, @"<rect x=""\d+""[^>]*fill=""url\(#grades-p(\d)\)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(bars.Length, fills.Count);
        Assert.Equal(bars.Length, fills.Distinct().Count());
        foreach (var value in new[] { "7,850", "1,550", "300", "0", "12.5" })
        {
            Assert.Equal(2, Regex.Count(html, ">" + Regex.Escape(value) + "<")); // once beside the bar, once in the table
        }

        Assert.Contains("<th scope=\"row\">A</th><td class=\"num\">7,850</td>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"grades-title\">Grades &lt;of&gt; organisations</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_longest_bar_is_the_largest_value_and_a_zero_draws_no_bar()
    {
        var html = await RenderAsync([new("small", 10), new("large", 40), new("none", 0)]);
        var widths = Regex.Matches(html, @"<rect x=""\d+"" y=""\d+"" width=""([\d.]+)""").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, widths.Count);
        Assert.Equal(4 * widths[0], widths[1], 1);
        Assert.Equal(0, widths[2]);
    }

    [Theory]
    [InlineData("失信被执行人名单（最高人民法院）")]
    [InlineData("Court defaulter list (失信被执行人名单)")]
    [InlineData("Organisations with serious breaches of trust in tax matters")]
    [InlineData("W")]
    public async Task A_label_is_never_cut_off_on_the_left(string label)
    {
        var html = await RenderAsync([new(label, 3), new("B", 5)]);
        var text = Regex.Match(html, @"<text x=""([\d.]+)""[^>]*text-anchor=""end""[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>");
        Assert.True(text.Success);
        var x = double.Parse(text.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var shown = System.Net.WebUtility.HtmlDecode(text.Groups[2].Value);
        Assert.True(x - ChartText.Width(shown) >= 0, $"'{shown}' ends at x={x} and is {ChartText.Width(shown):0} px wide");
        Assert.Contains($"<th scope=\"row\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(label)}</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_too_long_for_any_column_is_cut_with_an_ellipsis_and_kept_whole_in_its_tooltip_and_the_table()
    {
        var label = string.Concat(Enumerable.Repeat("非常长的名单名称", 8));
        var html = await RenderAsync([new(label, 3)]);
        Assert.Contains($"<title>{label}</title>", html, StringComparison.Ordinal);
        var shown = Regex.Match(html, @"</title>([^<]*…)</text>").Groups[1].Value;
        Assert.True(ChartText.Width(shown) <= ChartText.MaxLabelWidth, shown);
        Assert.Contains($"<th scope=\"row\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(label)}</th>", html, StringComparison.Ordinal);
    }
}
