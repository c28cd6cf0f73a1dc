using System.Text.Json;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>"Who read my file" (<c>/me/reads</c>) in both languages: every reader named with its kind, why and what, newest first, paged and filtered.</summary>
public sealed partial class SubjectPagesTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Who_read_my_file_names_each_reader_with_why_and_what_page_by_page_and_by_kind_of_reader(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me");
        var (others, visitor, page) = (journey.Others, journey.Visitor, journey.Page);
        var purpose = visitor.Say("flat at 12 Elm Road", "榆树路 12 号的公寓");
        var code = await others.ShareAsync(journey.Key, purpose);
        Assert.Equal(JsonValueKind.Object, (await others.UseShareAsync(code)).ValueKind);
        for (var i = 0; i < 26; i++)
        {
            Assert.Equal("denied", await others.TicketAsync(journey.Person));
        }

        // From the file's own section, by keyboard.
        await visitor.OpenAsync("/me", "reads-0-file");
        await TabToAsync(page, e => e.Href?.EndsWith("/me/reads", StringComparison.Ordinal) == true);
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/me/reads");
        await visitor.CheckAsync("reads-1-all");
        Assert.Equal(visitor.Say("Who read my file", "谁查看了我的档案"), await page.Locator("h1").InnerTextAsync());
        var rows = page.Locator("table.reads tbody tr");
        Assert.Equal(25, await rows.CountAsync());
        Assert.Contains(visitor.Say("read who read the file", "查看了谁查看过档案"), await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        var times = await page.Locator("table.reads tbody tr td:first-child time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))");
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
        Assert.All(await page.Locator("table.reads tbody tr td:first-child time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('title') || '')"), t => Assert.Contains("UTC", t, StringComparison.Ordinal));
        var decision = await page.Locator("table.reads tbody tr", new() { HasText = "railway-ticketing" }).First.InnerTextAsync();
        Assert.Contains(visitor.Say("relying party", "使用方"), decision, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("asked about: G-series train tickets", "询问事项：高铁（G 字头列车）车票"), decision, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("answer: denied", "答复：拒绝"), decision, StringComparison.Ordinal);
        // The registry's own purposes in words of the viewer's language, not its English labels.
        Assert.DoesNotMatch(@"(?<!your )\bown (file|reads|notices)\b", await page.Locator("table.reads").InnerTextAsync());
        await NoRawCodeAsync(page);

        // The next page goes on where the first stopped, older; the share's use and the court's record are there.
        var first = await rows.AllInnerTextsAsync();
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = visitor.Say("Next page", "下一页") }).ClickAsync(), "**/me/reads?page=2");
        await visitor.CheckAsync("reads-2-page-2");
        var second = await page.Locator("table.reads tbody").InnerTextAsync();
        Assert.Contains(visitor.Say($"with your share code “{purpose}”", $"使用您的分享码“{purpose}”"), second, StringComparison.Ordinal);
        Assert.Contains("court/" + journey.RecordId, second, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("Court judgment defaulter", "失信被执行人"), second, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("issued a key for you", "为您签发了密钥"), second, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Say("another action", "其他操作"), second, StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        // Only the sources, chosen with the form.
        await page.Locator("#kind").SelectOptionAsync("source");
        await visitor.FollowAsync(() => page.Locator("form.filter button[type=submit]").ClickAsync(), "**/me/reads?kind=source");
        await visitor.CheckAsync("reads-3-sources");
        var sources = await page.Locator("table.reads tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(sources);
        Assert.All(sources, r => Assert.Contains(visitor.Say("source", "信息来源"), r, StringComparison.Ordinal));
        Assert.All(sources, r => Assert.DoesNotContain("railway-ticketing", r, StringComparison.Ordinal));
        Assert.Empty(first.Intersect(second.Split('\n')));
    }
}
