using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// The subject's pages (<c>/me</c>, <c>/me/disputes</c>, <c>/me/repairs</c>, <c>/me/notices</c>) in both
/// languages: what they show of the demo's own stories, axe on every page, a screenshot of each, no raw
/// code anywhere, and the seed story (the wrong person listed, refused a ticket, disputes, the court
/// withdraws) and the repair and appeal journeys completed with the keyboard alone.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class SubjectPagesTests(PortalFixture fixture)
{
    private DemoKey WrongPerson => fixture.Server.Keys.Values.Single(k => k.Role == "subject" && k.About.Contains("wrong person", StringComparison.Ordinal));

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_wrong_person_of_the_demo_sees_the_file_the_disputes_the_repairs_and_the_notices_in_words(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInToAsync(WrongPerson.Key, "/me", "me");
        var page = visitor.Page;
        Assert.Equal(visitor.Say("My file", "我的档案"), await page.Locator("h1").InnerTextAsync());
        Assert.Contains(WrongPerson.Subject, await page.Locator("p.lead").InnerTextAsync(), StringComparison.Ordinal);

        // The area subtotals as a chart with its numbers in a table; the grade shown.
        Assert.Equal(1, await page.Locator("figure.chart svg[role=img]").CountAsync());
        Assert.True(await page.Locator("figure.chart table.numbers tbody tr").CountAsync() >= 1);
        Assert.NotEqual("—", await page.Locator(".grade-badge").InnerTextAsync());

        // The court withdrew the record in the demo: both refusals marked affected, the withdrawal among the versions.
        var decisions = await page.Locator("section[aria-labelledby=decisions] tbody").InnerTextAsync();
        Assert.Equal(2, Regex.Count(decisions, visitor.Say("Affected by a wrong record", "受错误记录影响")));
        Assert.Contains(visitor.Say("G-series train tickets", "高铁（G 字头列车）车票"), decisions, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("withdrawn", "撤回"), await page.Locator("table.records").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("read the file", "读取档案"), await page.Locator("section[aria-labelledby=reads]").InnerTextAsync(), StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        await visitor.OpenAsync("/me/disputes", "me-disputes");
        Assert.Equal(visitor.Say("My disputes", "我的异议"), await page.Locator("h1").InnerTextAsync());
        Assert.Contains(visitor.Say("withdrawn by the source", "来源已撤回"), await page.Locator("table.disputes").InnerTextAsync(), StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        await visitor.OpenAsync("/me/repairs", "me-repairs");
        Assert.Equal(visitor.Say("Repair and appeals", "信用修复与申诉"), await page.Locator("h1").InnerTextAsync());
        await NoRawCodeAsync(page);

        await visitor.OpenAsync("/me/notices", "me-notices");
        Assert.Equal(visitor.Say("Notices", "通知"), await page.Locator("h1").InnerTextAsync());
        var inbox = await page.Locator("ol.notice-list").InnerTextAsync();
        Assert.Contains(visitor.Say("You were taken off a list", "您已被移出名单"), inbox, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("A decision about you was found to rest on a wrong record", "关于您的一项决定被认定依据了错误记录"), inbox, StringComparison.Ordinal);
        await NoRawCodeAsync(page);
    }

    [Fact]
    public async Task Notices_are_unread_until_this_browser_has_shown_them()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.SignInAsync(WrongPerson.Key);
        var page = visitor.Page;
        await page.GotoAsync("me/notices");
        var first = await page.Locator("ol.notice-list > li.unread").CountAsync();
        Assert.True(first > 0);
        Assert.Equal(first, await page.Locator("ol.notice-list > li").CountAsync());
        Assert.True((await visitor.Context.CookiesAsync()).Single(c => c.Name == "credence.notices-seen").HttpOnly);
        await page.GotoAsync("me/notices");
        Assert.Equal(0, await page.Locator("ol.notice-list > li.unread").CountAsync());
    }

    [Theory]
    [InlineData("/me")]
    [InlineData("/me/disputes")]
    [InlineData("/me/repairs")]
    [InlineData("/me/notices")]
    [InlineData("/me/history")]
    [InlineData("/me/consent")]
    [InlineData("/me/shares")]
    [InlineData("/me/downloads")]
    [InlineData("/me/disclosure.html")]
    [InlineData("/me/receipts/0")]
    [InlineData("/disputes/x/evidence/1")]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_back(string path)
    {
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.Page.GotoAsync(path.TrimStart('/'));
        Assert.Contains("sign-in?returnUrl=" + Uri.EscapeDataString(path), visitor.Page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Another_role_signed_in_is_refused_by_the_use_case_in_a_sentence(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInAsync(fixture.Server.Keys["railway-ticketing"].Key);
        await visitor.OpenAsync("/me", "me-refused");
        var alert = await visitor.Page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(alert));
        Assert.DoesNotContain("forbidden", alert, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await visitor.Page.Locator("table.records").CountAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_seed_story_end_to_end_listed_refused_disputes_by_keyboard_the_court_withdraws_delisted_and_affected(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me");
        var (others, visitor, page) = (journey.Others, journey.Visitor, journey.Page);
        Assert.Equal("denied", await others.TicketAsync(journey.Person));
        await visitor.OpenAsync("/me", "story-1-listed");
        Assert.Contains(visitor.Say("Court defaulter list", "失信被执行人名单"), await page.Locator("section[aria-labelledby=listings]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("denied", "拒绝"), await page.Locator("section[aria-labelledby=decisions] tbody").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("Court defaulter list", "失信被执行人名单"), await page.Locator("section[aria-labelledby=reasons]").InnerTextAsync(), StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        // Keyboard only from the file: the navigation link, the form's fields, Enter.
        await TabToAsync(page, e => e.Href?.EndsWith("/me/disputes", StringComparison.Ordinal) == true);
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/me/disputes");
        await visitor.CheckAsync("story-2-dispute-form");
        await TabToAsync(page, e => e.Id == "record");
        Assert.Equal("court/" + journey.RecordId, await page.Locator("#record").InputValueAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("reason", await ActiveIdAsync(page));
        var reason = visitor.Say("I have never been a party to this case: the defaulter is someone else", "我从未参与此案，被执行人是另一个人");
        await page.Keyboard.TypeAsync(reason);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("evidence", await ActiveIdAsync(page));
        var evidence = visitor.Say("Copy of my identity card and household register", "身份证及户口簿复印件");
        await page.Keyboard.TypeAsync(evidence);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("evidence-files", await ActiveIdAsync(page));
        // A file chooser is the operating system's: the test hands the chosen file to the focused input.
        await page.Locator("#evidence-files").SetInputFilesAsync(new FilePayload { Name = "identity-card.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.Pdf });
        await page.Keyboard.PressAsync("Tab");
        await ArrivedAsync(visitor, () => page.Keyboard.PressAsync("Enter"), "**/me/disputes?opened=*");
        await visitor.CheckAsync("story-3-disputed");
        var disputeId = new Uri(page.Url).Query.Split('=')[1];
        var row = await page.Locator("table.disputes tbody tr").First.InnerTextAsync();
        Assert.Contains(visitor.Say("waiting for the source", "等待来源答复"), row, StringComparison.Ordinal);
        Assert.Matches(visitor.Say(@"1[45] days left", @"剩余 1[45] 天"), row);
        Assert.Contains(reason, row, StringComparison.Ordinal);

        // The source sees the reason and the evidence with the dispute; it withdraws the record.
        var seen = await others.CourtDisputeAsync(disputeId);
        Assert.Equal(reason, seen.GetProperty("reason").GetString());
        Assert.Equal(evidence, seen.GetProperty("evidence").GetString());
        var files = await others.CourtEvidenceAsync(disputeId);
        Assert.Equal("identity-card.pdf", files[0].GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(EvidenceBytes.Pdf)), files[0].GetProperty("sha256").GetString());
        await others.WithdrawAsync(disputeId);

        await visitor.OpenAsync("/me", "story-4-delisted");
        Assert.Contains(visitor.Say("You are on no list.", "您不在任何名单上。"), await page.Locator("section[aria-labelledby=listings]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("Affected by a wrong record", "受错误记录影响"), await page.Locator("section[aria-labelledby=decisions] tbody").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.OpenAsync("/me/disputes", "story-5-withdrawn");
        Assert.Contains(visitor.Say("withdrawn by the source", "来源已撤回"), await page.Locator("table.disputes").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.OpenAsync("/me/notices", "story-6-notices");
        var inbox = await page.Locator("ol.notice-list").InnerTextAsync();
        Assert.Contains(visitor.Say("You were put on a list", "您被列入名单"), inbox, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("The source answered your dispute", "来源已答复您的异议"), inbox, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("You were taken off a list", "您已被移出名单"), inbox, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("A decision about you was found to rest on a wrong record", "关于您的一项决定被认定依据了错误记录"), inbox, StringComparison.Ordinal);
        await NoRawCodeAsync(page);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_repair_refused_with_each_criterion_and_its_date_then_appealed_by_keyboard(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/repairs", check: "repair-1-form");
        var (visitor, page) = (journey.Visitor, journey.Page);
        await TabToAsync(page, e => e.Id == "repair-record");
        await page.Keyboard.PressAsync("Tab");
        await ArrivedAsync(visitor, () => page.Keyboard.PressAsync("Enter"), "**/me/repairs?done=apply*");
        await visitor.CheckAsync("repair-2-refused");

        // A serious record: the minimum period (a year) is not served, and nothing shows the judgment performed.
        var article = page.Locator("article.repair").First;
        Assert.Contains(visitor.Say("Refused", "未批准"), await article.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await article.Locator("ul.criteria li.unmet").CountAsync());
        var period = await article.Locator("ul.criteria li").First.InnerTextAsync();
        Assert.Contains(visitor.Say("Minimum period not yet served", "最短期限尚未届满"), period, StringComparison.Ordinal);
        Assert.Contains(DateTimeOffset.UtcNow.AddDays(-3).AddYears(1).ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), period, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("judgment performed", "履行"), await article.Locator("ul.criteria li").Nth(1).InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await NoRawCodeAsync(page);

        await TabToAsync(page, e => e.Id == "appeal-repair");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("grounds", await ActiveIdAsync(page));
        await page.Keyboard.TypeAsync(visitor.Say("The judgment was performed last week; the court's record is on its way", "判决已于上周履行，法院的记录正在报送中"));
        await page.Keyboard.PressAsync("Tab");
        await ArrivedAsync(visitor, () => page.Keyboard.PressAsync("Enter"), "**/me/repairs?done=appeal*");
        await visitor.CheckAsync("repair-3-appealed");
        Assert.Contains(visitor.Say("Appeal filed, waiting for a reviewer", "申诉已提交，等待复核"), await page.Locator("article.repair").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#appeal-repair").CountAsync());
    }

    [Theory]
    [InlineData("en", "")]
    [InlineData("zh-CN", "")]
    [InlineData("en", "   ")]
    [InlineData("zh-CN", "\n \t\n")]
    public async Task A_dispute_without_a_readable_reason_is_refused_in_a_sentence_and_nothing_is_opened(string lang, string reason)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/disputes");
        var (visitor, page) = (journey.Visitor, journey.Page);

        // The browser's own "required" check is bypassed, as a hand-made request would.
        await page.EvaluateAsync("document.getElementById('reason').removeAttribute('required')");
        await page.Locator("#reason").FillAsync(reason);
        await visitor.FollowAsync(() => page.Locator("form.stack button[type=submit]").ClickAsync());
        var alert = await page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(alert));
        Assert.DoesNotContain("urn:", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-value", alert, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("You have opened no dispute.", "您尚未提出任何异议。"), await page.Locator("section[aria-labelledby=list]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("dispute-refused");
    }

    /// <summary>No stable code of the registry shows through: reason families, problem types, enum names, record types and list ids.</summary>
    private static async Task NoRawCodeAsync(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(RawCode(), text);
    }

    private static async Task TabToAsync(IPage page, Func<(string Id, string? Href), bool> found)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await ActiveIdAsync(page);
            var href = await page.EvaluateAsync<string?>("document.activeElement.href || null");
            if (found((id, href)))
            {
                return;
            }
        }

        throw new InvalidOperationException("the keyboard never reached the element");
    }

    /// <summary>Sends a form with <paramref name="action"/> and waits for the page it leads to (<see cref="Visitor.FollowAsync"/>); a failure carries the server's log.</summary>
    private async Task ArrivedAsync(Visitor visitor, Func<Task> action, string url)
    {
        var page = visitor.Page;
        try
        {
            await visitor.FollowAsync(action, url);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            var log = fixture.Server.Log;
            var alert = await page.Locator("[role=alert]").AllInnerTextsAsync();
            throw new InvalidOperationException($"{e.Message} at {page.Url} showing [{string.Join(" | ", alert)}]\n{log[Math.Max(0, log.Length - 4000)..]}", e);
        }
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("document.activeElement.id");

    [GeneratedRegex(@"urn:credence|\b(LISTED|DELISTED|RECORD|GRADE|DISPUTE|APPEAL|REPAIR|EXPIRY|DECISION)\.[A-Za-z]|judgment-defaulter|court-defaulters|minimum-period-not-served|obligation-not-fulfilled|\b(AdverseDecision|DisputeOpened|ResolvedForSubject|NotGranted|FoundWrong|Unauthorized)\b|rail\.g-train")]
    private static partial Regex RawCode();
}
