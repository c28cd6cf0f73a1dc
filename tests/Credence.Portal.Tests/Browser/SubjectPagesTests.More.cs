using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// The subject's score history, consent, share codes, downloads and evidence files, in both languages:
/// axe and a screenshot of every page, no raw code, and every refusal of an evidence file shown as a
/// sentence with nothing opened.
/// </summary>
public sealed partial class SubjectPagesTests
{
    public static TheoryData<string, string, string> EvidenceRefusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var lang in new[] { "en", "zh-CN" })
        {
            foreach (var kind in new[] { "disguised", "polyglot", "empty", "large", "many" })
            {
                data.Add(lang, kind, kind);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_score_history_is_a_step_chart_with_its_table_and_each_step_says_its_cause_in_words(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInToAsync(WrongPerson.Key, "/me/history", "me-history");
        var page = visitor.Page;
        Assert.Equal(visitor.Say("My score history", "我的分数历史"), await page.Locator("h1").InnerTextAsync());

        // The wrong person was listed, then the court withdrew the record: at least two steps, numbered alike in chart and table.
        var rows = await page.Locator("figure.step-chart table.numbers tbody tr").CountAsync();
        Assert.True(rows >= 2, $"{rows} steps");
        Assert.Equal(1, await page.Locator("figure.step-chart svg[role=img]").CountAsync());
        Assert.Equal(rows, await page.Locator("ol.history-steps > li").CountAsync());
        var steps = await page.Locator("ol.history-steps").InnerTextAsync();
        Assert.Contains(visitor.Say("withdrew the record", "撤回了记录"), steps, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("Court defaulter", "失信被执行人"), steps, StringComparison.Ordinal);
        Assert.Matches(visitor.Say("Began to count|Stopped counting", "开始计入|不再计入"), steps);
        await NoRawCodeAsync(page);

        // The read is logged as the API's reads are.
        await page.GotoAsync("me");
        Assert.Contains(visitor.Say("read the score history", "查看了分数历史"), await page.Locator("section[aria-labelledby=reads]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Consent_is_given_and_withdrawn_each_change_kept_and_logged(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/consent", listed: false, check: "consent-1");
        var (visitor, page) = (journey.Visitor, journey.Page);
        Assert.Equal(visitor.Say("not given", "未同意"), (await page.Locator("#consent-state").InnerTextAsync()).Trim());
        Assert.Contains(visitor.Say("You have never given or withdrawn consent.", "您从未同意或撤回同意。"), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await ArrivedAsync(visitor, () => page.Locator("main form button[type=submit]").ClickAsync(), "**/me/consent?done=changed");
        await visitor.CheckAsync("consent-2-given");
        Assert.StartsWith(visitor.Say("given", "已同意"), (await page.Locator("#consent-state").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await ArrivedAsync(visitor, () => page.Locator("main form button[type=submit]").ClickAsync(), "**/me/consent?done=changed");
        Assert.StartsWith(visitor.Say("not given", "未同意"), (await page.Locator("#consent-state").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var changes = await page.Locator("section[aria-labelledby=changes] tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, changes.Count);
        Assert.Contains(visitor.Say("consent withdrawn", "撤回同意"), changes[0], StringComparison.Ordinal);
        Assert.Contains(visitor.Say("consent given", "同意"), changes[1], StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        await page.GotoAsync("me");
        var reads = await page.Locator("section[aria-labelledby=reads]").InnerTextAsync();
        Assert.Contains(visitor.Say("gave consent", "同意"), reads, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_share_code_is_shown_once_each_use_is_listed_and_a_revoked_code_stops_working(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/shares", check: "shares-1");
        var (others, visitor, page) = (journey.Others, journey.Visitor, journey.Page);
        await page.Locator("#purpose").FillAsync(visitor.Say("flat at 12 Elm Road", "榆树路 12 号的公寓"));
        await page.Locator("#valid-for").SelectOptionAsync("30d");
        await visitor.FollowAsync(() => page.Locator("section[aria-labelledby=new] button[type=submit]").ClickAsync());
        await visitor.CheckAsync("shares-2-code");
        var code = await page.Locator("#share-code").InputValueAsync();
        Assert.StartsWith("shr_", code, StringComparison.Ordinal);

        var shared = await others.UseShareAsync(code);
        Assert.Equal(JsonValueKind.Object, shared.ValueKind);
        await visitor.OpenAsync("/me/shares", "shares-3-used");
        Assert.Equal(0, await page.Locator("#share-code").CountAsync());
        Assert.DoesNotContain(code, await page.ContentAsync(), StringComparison.Ordinal);
        var uses = await page.Locator("section[aria-labelledby=uses] tbody tr").AllInnerTextsAsync();
        Assert.Single(uses);
        Assert.Contains("railway-ticketing", uses[0], StringComparison.Ordinal);
        Assert.Contains(visitor.Say("works", "有效"), await page.Locator("table.shares tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);

        await ArrivedAsync(visitor, () => page.Locator("table.shares tbody tr").First.Locator("button[type=submit]").ClickAsync(), "**/me/shares?revoked=*");
        await visitor.CheckAsync("shares-4-revoked");
        Assert.Contains(visitor.Say("revoked", "已撤销"), await page.Locator("table.shares tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await NoRawCodeAsync(page);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_disclosure_downloads_as_html_and_json_and_a_receipt_for_an_entry_as_json(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInToAsync(WrongPerson.Key, "/me/downloads", "downloads");
        var page = visitor.Page;
        Assert.Equal(visitor.Say("Downloads and receipts", "下载与收据"), await page.Locator("h1").InnerTextAsync());
        await NoRawCodeAsync(page);

        var api = visitor.Context.APIRequest;
        var json = await api.GetAsync(new Uri(fixture.Server.Address, "me/disclosure.json").ToString());
        Assert.Equal(200, json.Status);
        Assert.StartsWith("attachment", json.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", json.Headers["x-content-type-options"]);
        using (var doc = JsonDocument.Parse(await json.TextAsync()))
        {
            Assert.Equal(WrongPerson.Subject, doc.RootElement.GetProperty("subject").GetString());
        }

        var html = await api.GetAsync(new Uri(fixture.Server.Address, "me/disclosure.html").ToString());
        Assert.Equal(200, html.Status);
        Assert.StartsWith("attachment", html.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("<html", await html.TextAsync(), StringComparison.OrdinalIgnoreCase);

        // The oldest entry on the page is covered by a checkpoint in a city that ended long ago.
        var link = await page.Locator("table.entries tbody tr").Last.Locator("a").GetAttributeAsync("href");
        var receipt = await api.GetAsync(new Uri(fixture.Server.Address, link!).ToString());
        Assert.Equal(200, receipt.Status);
        Assert.StartsWith("attachment", receipt.Headers["content-disposition"], StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(await receipt.TextAsync()))
        {
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }

        // Another subject's entry answers as a missing one.
        var missing = await api.GetAsync(new Uri(fixture.Server.Address, "me/receipts/999999999").ToString());
        Assert.Equal(404, missing.Status);
        Assert.DoesNotContain("not-found", await missing.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Evidence_files_go_with_the_dispute_the_source_downloads_them_as_attachments_and_no_one_else_finds_them(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/disputes");
        var (others, visitor, page) = (journey.Others, journey.Visitor, journey.Page);
        await page.Locator("#reason").FillAsync(visitor.Say("Not me: see the judgment and my identity card", "不是我：见判决书和我的身份证"));
        await page.Locator("#evidence-files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "judgment.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.Pdf },
            new FilePayload { Name = "身份证.png", MimeType = "image/png", Buffer = EvidenceBytes.Png },
        });
        await ArrivedAsync(visitor, () => page.Locator("form.stack button[type=submit]").ClickAsync(), "**/me/disputes?opened=*");
        await visitor.CheckAsync("evidence-1-sent");
        var disputeId = new Uri(page.Url).Query.Split('=')[1];
        var listed = await page.Locator("ul.evidence-files").InnerTextAsync();
        Assert.Contains("judgment.pdf", listed, StringComparison.Ordinal);
        Assert.Contains("身份证.png", listed, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(EvidenceBytes.Png)), listed, StringComparison.Ordinal);

        // The record's source reads them on its dispute page and downloads them: attachments, never sniffed.
        await using var court = await fixture.VisitorAsync(lang);
        await court.SignInToAsync(fixture.Server.Keys["court"].Key, "/source/disputes/" + disputeId, "evidence-2-source");
        var href = await court.Page.Locator("ul.evidence-files a").Nth(1).GetAttributeAsync("href");
        var file = await court.Context.APIRequest.GetAsync(new Uri(fixture.Server.Address, href!).ToString());
        Assert.Equal(200, file.Status);
        Assert.Equal(EvidenceBytes.Png, await file.BodyAsync());
        Assert.Equal("image/png", file.Headers["content-type"]);
        Assert.StartsWith("attachment", file.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", file.Headers["x-content-type-options"]);

        // Another source, and another subject, find nothing: the same sentence as a dispute that does not exist.
        var otherSource = fixture.Server.Keys.Values.First(k => k.Role == "source" && k.Name != "court");
        await using var stranger = await fixture.VisitorAsync(lang);
        await stranger.SignInAsync(otherSource.Key);
        var refused = await stranger.Context.APIRequest.GetAsync(new Uri(fixture.Server.Address, href!).ToString());
        var missing = await stranger.Context.APIRequest.GetAsync(new Uri(fixture.Server.Address, "disputes/no-such-dispute/evidence/1").ToString());
        Assert.Equal(404, refused.Status);
        Assert.Equal((await missing.TextAsync()).Replace("no-such-dispute", disputeId, StringComparison.Ordinal), await refused.TextAsync());
        Assert.DoesNotContain("not-found", await refused.TextAsync(), StringComparison.Ordinal);

        var otherPerson = SubjectFixtures.FreshPerson();
        var otherKey = await others.SubjectKeyAsync(otherPerson);
        await using var neighbour = await fixture.VisitorAsync(lang);
        await neighbour.SignInAsync(otherKey);
        Assert.Equal(404, (await neighbour.Context.APIRequest.GetAsync(new Uri(fixture.Server.Address, href!).ToString())).Status);
    }

    [Theory]
    [MemberData(nameof(EvidenceRefusals))]
    public async Task A_file_that_is_not_acceptable_evidence_is_refused_in_a_sentence_and_nothing_is_opened(string lang, string kind, string screenshot)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/disputes");
        var (visitor, page) = (journey.Visitor, journey.Page);
        await page.Locator("#reason").FillAsync("not me");
        FilePayload[] files = kind switch
        {
            "disguised" => [new FilePayload { Name = "judgment.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.HtmlAsPdf }],
            "polyglot" => [new FilePayload { Name = "scan.png", MimeType = "image/png", Buffer = EvidenceBytes.PngWithZip }],
            "empty" => [new FilePayload { Name = "empty.pdf", MimeType = "application/pdf", Buffer = [] }],
            "large" => [new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = EvidenceBytes.LargeJpeg() }],
            _ => [.. Enumerable.Range(1, 4).Select(i => new FilePayload { Name = $"page-{i}.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.Pdf })],
        };
        await page.Locator("#evidence-files").SetInputFilesAsync(files);
        await visitor.FollowAsync(() => page.Locator("form.stack button[type=submit]").ClickAsync());
        var alert = await page.Locator("[role=alert]").InnerTextAsync();
        var expected = kind switch
        {
            "large" => visitor.Say("too large", "过大"),
            "many" => visitor.Say("Too many files", "文件过多"),
            _ => visitor.Say("not accepted as evidence", "不能作为证据"),
        };
        Assert.Contains(expected, alert, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence-", alert, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("You have opened no dispute.", "您尚未提出任何异议。"), await page.Locator("section[aria-labelledby=list]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("evidence-refused-" + screenshot);
    }
}
