using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>
/// A draft's way to activation in the portal: simulated from its page, its report read (charts each with
/// their table, ids masked until a purpose is stated), signed off by a second operator naming the report's
/// digest, and every refusal of the two-person rule shown as the use case gives it, in both languages.
/// No test activates a draft: the city's policy in force stays the demo's.
/// </summary>
[Collection(RolePortalCollection.Name)]
public sealed class SimulationPagesTests(PortalFixture fixture)
{
    /// <summary>A draft of the demo's persons policy that moves scores and grades: late payments weigh more, grade A starts higher.</summary>
    private static string Draft(string version)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "policies", "rongcheng-persons.yaml"));
        text = text.Replace("version: \"2026.1\"", $"version: \"{version}\"", StringComparison.Ordinal)
            .Replace("  - { name: A, min: 960 }", "  - { name: A, min: 990 }", StringComparison.Ordinal);
        var late = text.IndexOf("id: late-credit-card-payment", StringComparison.Ordinal);
        var points = text.IndexOf("points: -10", late, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, points), "points: -60", text.AsSpan(points + "points: -10".Length));
    }

    private static string PolicyPath(string tag) => "operator/policies/" + Uri.EscapeDataString(tag);

    [Theory]
    [InlineData("en", "2026.8")]
    [InlineData("zh-CN", "2026.9")]
    public async Task A_draft_is_simulated_read_and_signed_off_by_a_second_operator_and_its_activation_refused_until_then(string lang, string version)
    {
        using var api = new RegistryApi(fixture);
        var uploader = fixture.Server.KeyOf("operator");
        var tag = await api.UploadPolicyAsync(uploader.Key, Draft(version));
        var second = fixture.Server.Keys["city-policy-reviewer"].Key;

        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsync(uploader.Key);

        // The list links to the version's page; with no report the activation is refused, and the page says why.
        await page.GotoAsync("operator/policies");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = tag }).ClickAsync());
        await visitor.CheckAsync("operator-policy-draft");
        Assert.Contains(tag, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(uploader.Name, await page.Locator("dl.facts").First.InnerTextAsync(), StringComparison.Ordinal);
        var noSimulation = visitor.Say("has not been simulated yet", "尚未模拟");
        Assert.Contains(noSimulation, await page.Locator("#activation-state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(noSimulation, await page.Locator("#activation-why").InnerTextAsync(), StringComparison.Ordinal);

        // Activating anyway: the use case's own refusal, as a sentence, and nothing activated.
        await Keyboard.TabToAsync(page, "from");
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains(noSimulation, await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("urn:", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-policy-activation-no-simulation", 422);

        // Simulate against the policy in force, now: the report opens.
        await page.GotoAsync(PolicyPath(tag));
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Simulate", "模拟"), Exact = true }).ClickAsync(), "**/operator/simulations/*");
        await visitor.CheckAsync("operator-simulation-report");
        Assert.Equal(visitor.Say("Simulation report", "模拟报告"), await page.Locator("h1").InnerTextAsync());
        var reportId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var digest = (await page.Locator("#report-digest").InnerTextAsync()).Trim();

        // The page shows the report the API gives, section by section.
        using var document = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/simulations/" + reportId, uploader.Key, null, HttpStatusCode.OK));
        var report = document.RootElement.GetProperty("report");
        Assert.Equal(document.RootElement.GetProperty("digest").GetString(), digest);
        Assert.True(report.GetProperty("changed").GetInt32() > 0, "the draft changes someone's outcome");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains(report.GetProperty("population").GetInt32().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), main, StringComparison.Ordinal);
        var matrix = page.Locator("table.matrix tbody tr");
        Assert.Equal(report.GetProperty("grades").GetProperty("rows").GetArrayLength(), await matrix.CountAsync());
        Assert.Contains("%", await matrix.First.InnerTextAsync(), StringComparison.Ordinal);

        // Every chart is SVG with a hatched bar per row of its table.
        var charts = page.Locator("figure.chart");
        Assert.True(await charts.CountAsync() >= 3, "transitions, score changes, record types at least");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var chart = charts.Nth(i);
            Assert.Equal(1, await chart.Locator("svg[role=img]").CountAsync());
            Assert.Equal(await chart.Locator("svg rect[fill^='url(']").CountAsync(), await chart.Locator("table tbody tr").CountAsync());
        }

        var buckets = report.GetProperty("scores").GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("count").GetInt32().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(buckets, await page.Locator("figure.chart[aria-labelledby='score-changes-caption'] tbody td").AllInnerTextsAsync());
        Assert.Contains("late-credit-card-payment", await page.Locator("#drivers ~ table").First.InnerTextAsync(), StringComparison.Ordinal);

        // The sample's ids are masked; a stated purpose shows them (the same ids the API unmasks for a purpose) and says it is logged.
        var sample = report.GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("subject").GetString()!).ToList();
        Assert.NotEmpty(sample);
        var shown = await page.Locator("table.sample tbody th code").AllInnerTextsAsync();
        Assert.Equal(sample, shown);
        Assert.All(shown, id => Assert.Contains("*", id, StringComparison.Ordinal));
        await Keyboard.TabToAsync(page, "purpose");
        await page.Keyboard.TypeAsync(visitor.Say("checking the draft before sign-off", "签核前核查草案"));
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"));
        await visitor.CheckAsync("operator-simulation-report-unmasked");
        using var unmasked = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, $"v1/simulations/{reportId}?purpose=test", uploader.Key, null, HttpStatusCode.OK));
        var ids = unmasked.RootElement.GetProperty("report").GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("subject").GetString()!).ToList();
        Assert.Equal(ids, await page.Locator("table.sample tbody th code").AllInnerTextsAsync());
        Assert.All(ids, id => Assert.DoesNotContain("*", id, StringComparison.Ordinal));
        Assert.Contains(visitor.Say("logged", "记录"), await page.Locator("#sample ~ [role=status]").InnerTextAsync(), StringComparison.Ordinal);

        // The uploader may not sign off its own version: the same-person refusal.
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = visitor.Say("Sign off this report on the version's page", "在版本页面签核此报告") }).ClickAsync());
        Assert.Equal(digest, await page.Locator("#digest").InputValueAsync());
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Sign off", "签核"), Exact = true }).ClickAsync());
        Assert.Contains(visitor.Say("a second person must", "必须由另一人签核"), await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("operator-sign-off-same-person", 422);
        var noSignOff = visitor.Say("has not been signed off", "尚未由上传者以外的运营者签核");
        Assert.Contains(noSignOff, await page.Locator("#activation-why").InnerTextAsync(), StringComparison.Ordinal);

        // An operator the uploader registered (so the uploader was shown its key) is refused the same way, and the
        // sentence says why.
        await using var reviewer = await fixture.VisitorAsync(lang);
        var rpage = reviewer.Page;
        await reviewer.SignInAsync(await api.OperatorKeyAsync("deputy-" + lang.ToLowerInvariant()));
        await rpage.GotoAsync(PolicyPath(tag));
        await Keyboard.TabToAsync(rpage, "digest");
        await rpage.Keyboard.TypeAsync(digest);
        await reviewer.FollowAsync(() => rpage.Keyboard.PressAsync("Enter"));
        var deputyRefused = await rpage.Locator("[role=alert]").InnerTextAsync();
        Assert.Contains(visitor.Say("a second person must", "必须由另一人签核"), deputyRefused, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("whose key it issued", "由它签发密钥"), deputyRefused, StringComparison.Ordinal);
        await reviewer.CheckAsync("operator-sign-off-issued-key", 422);

        // A second operator, whose key the command line handed over, signs the report off, naming its digest: the
        // page shows who uploaded, which report, who signed.
        await reviewer.SignInAsync(second);
        await rpage.GotoAsync(PolicyPath(tag));
        await Keyboard.TabToAsync(rpage, "digest");
        await rpage.Keyboard.TypeAsync(digest);
        await reviewer.FollowAsync(() => rpage.Keyboard.PressAsync("Enter"));
        Assert.Contains(digest, await rpage.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await reviewer.CheckAsync("operator-signed-off");
        var signed = await rpage.Locator("#signed-off").InnerTextAsync();
        Assert.Contains("city-policy-reviewer", signed, StringComparison.Ordinal);
        Assert.Contains(digest, signed, StringComparison.Ordinal);
        Assert.Contains(digest, await rpage.Locator("#newest-report").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("may be activated", "可以启用该版本"), await rpage.Locator("#activation-state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await rpage.Locator("#activation-why").CountAsync());

        // A newer simulation makes the sign-off stale: activation is refused again, and signing the old report off is refused.
        await page.GotoAsync(PolicyPath(tag));
        await page.Locator("#as-of").FillAsync("2026-10-01T08:00:00+08:00");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Simulate", "模拟"), Exact = true }).ClickAsync(), "**/operator/simulations/*");
        Assert.NotEqual(digest, (await page.Locator("#report-digest").InnerTextAsync()).Trim());
        await rpage.GotoAsync(PolicyPath(tag));
        var stale = visitor.Say("A newer simulation of this policy version exists", "该政策版本已有更新的模拟");
        Assert.Contains(stale, await rpage.Locator("#activation-why").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("older report", "早于最新报告"), await rpage.Locator("#signed-off").InnerTextAsync(), StringComparison.Ordinal);
        await reviewer.CheckAsync("operator-policy-stale");
        await rpage.Locator("#digest").FillAsync(digest);
        await reviewer.FollowAsync(() => rpage.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Sign off", "签核"), Exact = true }).ClickAsync());
        Assert.Contains(stale, await rpage.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await Keyboard.TabToAsync(rpage, "from");
        await reviewer.FollowAsync(() => rpage.Keyboard.PressAsync("Enter"));
        Assert.Contains(stale, await rpage.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);

        // A report of another version is refused by name (the report mismatch), whichever digest of it is typed.
        await rpage.GotoAsync(PolicyPath("rongcheng-persons@2026.1"));
        var other = (await rpage.Locator("#newest-report code").InnerTextAsync()).Trim();
        await rpage.GotoAsync(PolicyPath(tag));
        await rpage.Locator("#digest").FillAsync(other);
        await reviewer.FollowAsync(() => rpage.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Sign off", "签核"), Exact = true }).ClickAsync());
        Assert.Contains(visitor.Say("simulates another policy version", "模拟的是另一个政策版本"), await rpage.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await reviewer.CheckAsync("operator-sign-off-mismatch", 422);

        // Nothing here activated the draft.
        using var policies = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/policies", uploader.Key, null, HttpStatusCode.OK));
        var draft = policies.RootElement.EnumerateArray().Single(p => p.GetProperty("tag").GetString() == tag);
        Assert.Equal(0, draft.GetProperty("activations").GetArrayLength());
    }

    [Theory]
    [InlineData("en", "yesterday")]
    [InlineData("zh-CN", "2026-10-01")]
    [InlineData("en", "2026-10-01T08:00:00")]
    [InlineData("zh-CN", "２０２６-10-01T00:00:00Z")]
    [InlineData("en", "2099-01-01T00:00:00Z")]
    [InlineData("en", "2026-10-01T00:00:00Z\u202E")]
    public async Task A_simulation_at_no_readable_instant_or_in_the_future_is_refused_and_stores_no_report(string lang, string asOf)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("operator");
        await page.GotoAsync(PolicyPath("shanghai-organisations@2026.1"));
        var before = await page.Locator("#newest-report").InnerTextAsync();
        await page.Locator("#as-of").FillAsync(asOf);
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Simulate", "模拟"), Exact = true }).ClickAsync());
        var alert = await page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(alert));
        Assert.DoesNotContain("urn:", alert, StringComparison.Ordinal);
        Assert.Contains("/operator/policies/", page.Url, StringComparison.Ordinal);
        await visitor.CheckAsync("operator-simulation-refused", 422);
        await page.GotoAsync(PolicyPath("shanghai-organisations@2026.1"));
        Assert.Equal(before, await page.Locator("#newest-report").InnerTextAsync());
    }

    [Theory]
    [InlineData("auditor", "en")]
    [InlineData("auditor", "zh-CN")]
    public async Task An_auditor_reads_the_version_and_its_report_but_simulating_and_signing_off_refuse_it(string role, string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync(role);
        await visitor.OpenAsync(PolicyPath("rongcheng-persons@2026.1"), "auditor-policy-version");
        var newest = page.Locator("#newest-report a");
        await visitor.FollowAsync(() => newest.ClickAsync(), "**/operator/simulations/*");
        await visitor.CheckAsync("auditor-simulation-report");
        Assert.Equal(visitor.Say("Simulation report", "模拟报告"), await page.Locator("h1").InnerTextAsync());

        await page.GotoAsync(PolicyPath("rongcheng-persons@2026.1"));
        var before = await page.Locator("#newest-report").InnerTextAsync();
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Simulate", "模拟"), Exact = true }).ClickAsync());
        var refused = await page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(refused));
        await visitor.CheckAsync("auditor-simulate-refused", 403);

        await page.Locator("#digest").FillAsync("sha256:" + new string('0', 64));
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Sign off", "签核"), Exact = true }).ClickAsync());
        Assert.Equal(refused, await page.Locator("[role=alert]").InnerTextAsync());
        await page.GotoAsync(PolicyPath("rongcheng-persons@2026.1"));
        Assert.Equal(before, await page.Locator("#newest-report").InnerTextAsync());
    }

    [Theory]
    [InlineData("source")]
    [InlineData("reviewer")]
    [InlineData("subject")]
    [InlineData("relying-party")]
    public async Task Other_roles_see_the_refusal_of_the_version_and_report_pages_not_a_broken_page(string role)
    {
        await using var visitor = await fixture.VisitorAsync(role == "subject" ? "zh-CN" : "en");
        var page = visitor.Page;
        await visitor.SignInAsAsync(role);
        var version = await page.GotoAsync(PolicyPath("rongcheng-persons@2026.1"));
        Assert.Equal(403, version!.Status);
        await visitor.CheckAsync("refused-policy-version-" + role, 403);
        foreach (var path in new[] { PolicyPath("rongcheng-persons@2026.1"), "operator/simulations/" + await NewestReportAsync() })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            var alert = await page.Locator("[role=alert]").InnerTextAsync();
            Assert.False(string.IsNullOrWhiteSpace(alert));
            Assert.Equal(0, await page.Locator("main table").CountAsync());
            Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
            Assert.Equal(0, await page.Locator("#report-digest").CountAsync());
        }

        // A run is shown only to the operator who started it: to anyone else it does not exist.
        Assert.Equal(404, (await page.GotoAsync("operator/simulations/runs/any"))!.Status);
    }

    /// <summary>The id of the newest stored report of the demo's persons policy, as an operator reads it.</summary>
    private async Task<string> NewestReportAsync()
    {
        await using var op = await fixture.VisitorAsync("en");
        await op.SignInAsAsync("operator");
        await op.Page.GotoAsync(PolicyPath("rongcheng-persons@2026.1"));
        var href = await op.Page.Locator("#newest-report a").GetAttributeAsync("href");
        Assert.NotNull(href);
        return href[(href.LastIndexOf('/') + 1)..];
    }

    [Theory]
    [InlineData("en", "operator/simulations/01900000-0000-7000-8000-000000000000")]
    [InlineData("zh-CN", "operator/simulations/runs/0123456789abcdef")]
    [InlineData("en", "operator/policies/nobody%401.0")]
    public async Task A_report_run_or_version_that_does_not_exist_is_the_not_found_page(string lang, string path)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInAsAsync("operator");
        var response = await visitor.Page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        Assert.Equal(visitor.Say("Page not found", "未找到页面"), await visitor.Page.Locator("h1").InnerTextAsync());
        await visitor.CheckAsync("operator-simulation-missing", 404);
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
