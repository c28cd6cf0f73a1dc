using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>An operator's pages: the dashboard's charts and their numbers, keys issued and revoked, policies validated, stored and activated.</summary>
[Collection(RolePortalCollection.Name)]
public sealed class OperatorPagesTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_dashboard_draws_each_figure_as_svg_with_the_same_numbers_in_a_table(string lang)
    {
        using var api = new RegistryApi(fixture);
        var operatorKey = fixture.Server.KeyOf("operator").Key;
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await visitor.OpenAsync("/operator", "operator-dashboard");
        Assert.Equal(visitor.Say("Registry dashboard", "登记系统概览"), await page.Locator("h1").InnerTextAsync());

        // Every chart is an SVG drawn on the server with a table of its numbers beside it, and a pattern per bar (not colour alone).
        var charts = page.Locator("figure.chart:not(.series)");
        Assert.True(await charts.CountAsync() >= 4, "grades, lists, disputes, repairs");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var chart = charts.Nth(i);
            Assert.Equal(1, await chart.Locator("svg").CountAsync());
            Assert.Equal(await chart.Locator("svg rect[fill^='url(']").CountAsync(), await chart.Locator("table tbody tr").CountAsync());
        }

        // The numbers are the registry's, as GET /v1/summary gives them.
        using var summary = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/summary", operatorKey, null, HttpStatusCode.OK));
        var counts = summary.RootElement.GetProperty("counts");
        // The page and the API read the same tallies (kept by the store): every total and every grade's count agree.
        // Reviews coming due between two reads may move a count, so the page is compared when the API said the
        // same before and after it (the registry did not move meanwhile).
        static string N(JsonElement e) => e.GetInt64().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
        static List<string> Figures(JsonElement c) =>
        [
            N(c.GetProperty("subjects")), N(c.GetProperty("recordVersions")), N(c.GetProperty("decisions")), N(c.GetProperty("dueProcess").GetProperty("notices")),
            .. c.GetProperty("grades").EnumerateArray().Select(g => N(g.GetProperty("subjects"))),
        ];
        for (var attempt = 0; ; attempt++)
        {
            using var before = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/summary", operatorKey, null, HttpStatusCode.OK));
            await visitor.OpenAsync("/operator", "operator-dashboard");
            var shown = (await page.Locator("#totals ~ dl dd").AllInnerTextsAsync()).Take(4).ToList();
            foreach (var figure in await page.Locator("figure.chart[aria-labelledby^='grades-']").AllAsync())
            {
                shown.AddRange(await figure.Locator("tbody td").AllInnerTextsAsync());
            }

            using var after = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/summary", operatorKey, null, HttpStatusCode.OK));
            var expected = Figures(after.RootElement.GetProperty("counts"));
            if (expected.SequenceEqual(Figures(before.RootElement.GetProperty("counts"))) || attempt == 4)
            {
                Assert.Equal(expected, shown);
                break;
            }
        }

        var open = counts.GetProperty("dueProcess").GetProperty("disputesOpen").GetInt64();
        var disputes = page.Locator("figure.chart", new() { HasText = visitor.Say("Disputes by state", "异议状态") });
        Assert.Equal(open.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), await disputes.Locator("tbody tr").First.Locator("td").InnerTextAsync());
        Assert.Contains(visitor.Say("Checkpoint age", "检查点时长"), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task An_operator_issues_a_key_by_keyboard_that_works_once_shown_and_revokes_it(string lang)
    {
        using var api = new RegistryApi(fixture);
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await visitor.OpenAsync("/operator/keys", "operator-keys");

        var name = "portal-auditor-" + lang.ToLowerInvariant();
        await Keyboard.TabToAsync(page, "role");
        await page.Locator("#role").SelectOptionAsync("auditor");
        await Keyboard.TabToAsync(page, "name");
        await page.Keyboard.TypeAsync(name);
        await Keyboard.TabToButtonAsync(page, visitor.Say("Issue the key", "签发"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#issued-key").WaitForAsync();
        var key = (await page.Locator("#issued-key").InnerTextAsync()).Trim();
        await visitor.CheckAsync("operator-key-issued");
        Assert.Equal(HttpStatusCode.OK, await api.StatusAsync(HttpMethod.Get, "v1/summary", key));

        // Shown once: the list names the principal and its key's number, never the key.
        await page.GotoAsync("operator/keys");
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("tbody tr", new() { HasText = name });
        var number = (await row.Locator("strong").First.InnerTextAsync()).TrimStart('#');

        await Keyboard.TabToAsync(page, "key-id");
        await page.Keyboard.TypeAsync(number);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Contains(number, await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-key-revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await api.StatusAsync(HttpMethod.Get, "v1/summary", key));
    }

    [Theory]
    [InlineData("en", "portal-bad\u200Bname")]
    [InlineData("zh-CN", "")]
    public async Task A_key_for_a_bad_registration_is_refused_in_a_sentence_and_nothing_is_issued(string lang, string name)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await page.GotoAsync("operator/keys");
        var before = await page.Locator("tbody tr").CountAsync();
        await page.Locator("#name").EvaluateAsync("e => e.removeAttribute('required')");
        await page.Locator("#role").SelectOptionAsync("source");
        await page.Locator("#name").FillAsync(name);
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Issue the key", "签发") }).ClickAsync());
        Assert.DoesNotContain("urn:", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#issued-key").CountAsync());
        Assert.Equal(before, await page.Locator("tbody tr").CountAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_policy_with_problems_shows_each_at_its_line_and_a_valid_one_validates(string lang)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "policies", "rongcheng-persons.yaml"));
        var lines = text.TrimEnd('\n').Split('\n');
        var broken = string.Join('\n', lines) + "\ncolour: blue\n";
        var brokenLine = lines.Length + 1;

        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await visitor.OpenAsync("/operator/policies", "operator-policies");
        Assert.Contains("rongcheng-persons@2026.1", await page.Locator("#stored ~ table tbody").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#yaml").FillAsync(broken);
        await page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Validate", "校验"), Exact = true }).ClickAsync();
        await page.Locator("table.problems").WaitForAsync();
        var row = page.Locator("table.problems tbody tr", new() { HasText = "colour" });
        Assert.Equal(brokenLine.ToString(System.Globalization.CultureInfo.InvariantCulture), (await row.Locator("th").InnerTextAsync()).Trim());
        Assert.Contains("colour: blue", await row.InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-policy-problems");

        await page.Locator("#yaml").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Validate", "校验"), Exact = true }).ClickAsync();
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Contains("rongcheng-persons", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-policy-valid");
    }

    [Theory]
    [InlineData("en", "2020-01-01T00:00:00Z")]
    [InlineData("zh-CN", "yesterday")]
    [InlineData("en", "２０２７-01-01T00:00:00Z")]
    public async Task An_activation_in_the_past_or_at_no_instant_is_refused_and_changes_nothing(string lang, string from)
    {
        using var api = new RegistryApi(fixture);
        var operatorKey = fixture.Server.KeyOf("operator").Key;
        var before = await api.SendAsync(HttpMethod.Get, "v1/policies", operatorKey, null, HttpStatusCode.OK);
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await page.GotoAsync("operator/policies");
        await Keyboard.TabToAsync(page, "from");
        await page.Keyboard.TypeAsync(from);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[role=alert]").WaitForAsync();
        Assert.DoesNotContain("urn:", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-activation-refused");
        Assert.Equal(before, await api.SendAsync(HttpMethod.Get, "v1/policies", operatorKey, null, HttpStatusCode.OK));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Credence.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository's root was not found above " + AppContext.BaseDirectory);
    }
}
