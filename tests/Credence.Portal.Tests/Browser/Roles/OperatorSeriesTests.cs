using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>The dashboard's charts over time: list sizes, lines taken in per source and day by fate, decisions per measure and outcome.</summary>
[Collection(RolePortalCollection.Name)]
public sealed class OperatorSeriesTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_dashboard_draws_the_city_over_a_chosen_period_with_the_registrys_numbers_and_a_keyboard_period_form(string lang)
    {
        using var api = new RegistryApi(fixture);
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await visitor.OpenAsync("/operator?to=2026-10-31&days=60", "operator-series");
        Assert.Contains(visitor.Say("Days from 2026-09-02 to 2026-10-31 (UTC)", "2026-09-02 至 2026-10-31（UTC）"), await page.Locator("#over-time ~ p").First.InnerTextAsync(), StringComparison.Ordinal);

        using var series = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/summary/series?to=2026-10-31&days=60", fixture.Server.KeyOf("operator").Key, null, HttpStatusCode.OK));
        var root = series.RootElement;

        // List sizes: a line per list, a table row per day, the last day's sizes as the registry counts them.
        var lines = page.Locator("figure.chart.series", new() { Has = page.Locator("polyline.line") });
        Assert.True(await lines.CountAsync() >= 1, "a chart of list sizes");
        Assert.Equal(60, await lines.First.Locator("tbody tr").CountAsync());
        var firstList = root.GetProperty("lists")[0];
        var lastRow = await lines.First.Locator("tbody tr").Last.Locator("td").AllInnerTextsAsync();
        Assert.Equal(N(firstList.GetProperty("sizes")[59].GetInt64()), lastRow[0]);

        // Intake: one stacked chart per source; every bar part drawn, and the totals are the registry's.
        var intakeCharts = page.Locator("figure.chart.series[aria-labelledby^='intake-']");
        var sources = root.GetProperty("intake").EnumerateArray().Select(i => i.GetProperty("source").GetString()).Distinct().Count();
        Assert.True(sources > 0, "the city took records in during the period");
        Assert.Equal(sources, await intakeCharts.CountAsync());
        var lineTotal = root.GetProperty("intake").EnumerateArray().Sum(i => i.GetProperty("accepted").GetInt64() + i.GetProperty("duplicates").GetInt64() + i.GetProperty("rejected").GetInt64());
        var shown = 0L;
        for (var i = 0; i < await intakeCharts.CountAsync(); i++)
        {
            var chart = intakeCharts.Nth(i);
            foreach (var total in await chart.Locator("tbody tr td:last-child").AllInnerTextsAsync())
            {
                shown += long.Parse(total, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }

            Assert.Equal(3, await chart.Locator("svg rect.key").CountAsync());
            Assert.True(await chart.Locator("svg rect.bar").CountAsync() >= await chart.Locator("tbody tr").CountAsync(), "a bar for every day in the table");
        }

        Assert.Equal(lineTotal, shown);

        // Decisions per measure and outcome, when the city made any.
        var measures = root.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("measure").GetString()).Distinct().Count();
        Assert.Equal(measures, await page.Locator("figure.chart.series[aria-labelledby^='decisions-']").CountAsync());
        Assert.DoesNotContain("rail.g-train.ticket", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The period form, by keyboard: 14 days.
        await Keyboard.TabToAsync(page, "days");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("14");
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/operator?to=2026-10-31&days=14");
        await visitor.CheckAsync("operator-series-14-days");
        Assert.Equal(14, await page.Locator("figure.chart.series", new() { Has = page.Locator("polyline.line") }).First.Locator("tbody tr").CountAsync());
    }

    [Theory]
    [InlineData("en", "2999-01-01", "30")]
    [InlineData("zh-CN", "2026-10-31", "400")]
    public async Task A_period_the_registry_does_not_offer_is_refused_in_a_sentence(string lang, string to, string days)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInAsAsync("operator");
        var response = await visitor.Page.GotoAsync($"operator?to={to}&days={days}");
        Assert.Equal(422, response!.Status);
        var alert = await visitor.Page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(alert));
        Assert.DoesNotContain("bad-value", alert, StringComparison.Ordinal);
    }

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
