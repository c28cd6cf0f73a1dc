using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// An address nothing answers gets a page in the viewer's language, not the API's JSON; and a dispute
/// whose reason shows nothing (zero-width characters, no-break or ideographic spaces, the byte order
/// mark) is refused in a sentence through the subject's form, as through the API.
/// </summary>
[Collection(RolePortalCollection.Name)]
public sealed class NotFoundAndBlankReasonTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en", "/nope")]
    [InlineData("zh-CN", "/nope")]
    [InlineData("en", "/me/nope")]
    [InlineData("zh-CN", "/operator/nope/deeper")]
    public async Task An_unknown_address_answers_a_not_found_page_in_the_viewers_language(string lang, string path)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var response = await visitor.Page.GotoAsync(path.TrimStart('/'));
        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(visitor.Say("Page not found", "未找到页面"), await visitor.Page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await visitor.Page.Locator("header").CountAsync());
        Assert.DoesNotContain("urn:credence", await visitor.Page.ContentAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("not-found" + path.Replace('/', '-'), expectedStatus: 404);

        // The API's own unknown paths keep their problem details.
        var api = await visitor.Page.APIRequest.GetAsync("v1" + path);
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "\u200B\u200B\u200B")]
    [InlineData("zh-CN", "\u3000\u3000\uFEFF")]
    [InlineData("en", "\u00A0\u200D\u2060 \u200C")]
    [InlineData("zh-CN", "\u2800\u3164")]
    public async Task A_dispute_reason_that_shows_nothing_is_refused_in_a_sentence_and_opens_nothing(string lang, string blank)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        foreach (var subject in fixture.Server.Keys.Values.Where(k => k.Role == "subject"))
        {
            await visitor.SignInAsync(subject.Key, "/me/disputes");
            // A record not disputed yet, so that the reason is the only thing the use case can refuse.
            var disputed = await page.Locator("table.disputes").CountAsync() == 0 ? string.Empty : await page.Locator("table.disputes").InnerTextAsync();
            var values = await page.Locator("#record option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
            var free = values.FirstOrDefault(v => !disputed.Contains(v.Split('/')[^1], StringComparison.Ordinal));
            if (free is null)
            {
                continue;
            }

            await page.Locator("#record").SelectOptionAsync(free);
            var before = await page.Locator("table.disputes tbody tr").CountAsync();
            await page.Locator("#reason").EvaluateAsync("e => e.removeAttribute('required')");
            await page.Locator("#reason").FillAsync(blank);
            await page.Locator("#reason").PressAsync("Tab");
            await visitor.FollowAsync(() => page.Locator("form:has(#reason) button[type=submit]").ClickAsync());

            var alert = await page.Locator("[role=alert]").InnerTextAsync();
            Assert.False(string.IsNullOrWhiteSpace(alert));
            Assert.DoesNotContain("reason-required", alert, StringComparison.Ordinal);
            Assert.DoesNotContain("urn:", alert, StringComparison.Ordinal);
            await page.GotoAsync("me/disputes");
            Assert.Equal(before, await page.Locator("table.disputes tbody tr").CountAsync());
            return;
        }

        Assert.Fail("no demo subject has a record left to dispute");
    }
}
