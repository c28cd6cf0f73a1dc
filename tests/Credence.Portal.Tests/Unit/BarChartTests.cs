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
        var widths = Regex.Matches(html, @"<rect x=""150"" y=""\d+"" width=""([\d.]+)""").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, widths.Count);
        Assert.Equal(4 * widths[0], widths[1], 1);
        Assert.Equal(0, widths[2]);
    }
}
