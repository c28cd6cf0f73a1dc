using System.Net;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>A reviewer's pages: the queue oldest first, a case whose file opens only for a stated purpose, a decision with a written reason.</summary>
[Collection(RolePortalCollection.Name)]
public sealed class ReviewerPagesTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_reviewer_opens_the_file_of_an_escalated_dispute_for_a_stated_purpose_and_decides_by_keyboard(string lang)
    {
        using var api = new RegistryApi(fixture);
        var dispute = await api.EscalatedAsync("Escalated " + lang);

        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsAsync("reviewer");
        await visitor.OpenAsync("/review", "review-queue");
        Assert.Equal(visitor.Say("Review queue", "复核队列"), await page.Locator("h1").InnerTextAsync());

        // Oldest first: the waiting-since instants never go back down the table.
        var since = await page.Locator("tbody tr td:nth-child(4) time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))");
        Assert.Equal(since.Order(StringComparer.Ordinal), since);
        var row = page.Locator("tbody tr", new() { HasText = dispute.Id });
        Assert.Equal(1, await row.CountAsync());

        await visitor.FollowAsync(() => row.Locator("a").ClickAsync(), $"**/review/dispute/{dispute.Id}");
        await visitor.CheckAsync("review-case");

        // No file before a purpose is stated.
        Assert.Equal(0, await page.Locator("#records").CountAsync());
        var purpose = visitor.Say("deciding escalated dispute " + dispute.Id, "处理复核异议 " + dispute.Id);
        await Keyboard.TabToAsync(page, "purpose");
        await page.Keyboard.TypeAsync(purpose);
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**purpose=*");
        await page.Locator("#records").WaitForAsync();
        Assert.Contains(dispute.SourceRecordId, await page.Locator("main table").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("review-case-file");

        // The read is in the subject's own access log with the reviewer's purpose, as the API's read is.
        var file = await api.SendAsync(HttpMethod.Get, "v1/me", dispute.Subject.Key, null, HttpStatusCode.OK);
        Assert.Contains(purpose, file, StringComparison.Ordinal);

        await Keyboard.TabToAsync(page, "decision-uphold");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.TabToAsync(page, "reason");
        var reason = visitor.Say("The judgment names the subject by id number and date of birth.", "判决书以身份证号和出生日期载明了该信用主体。");
        await page.Keyboard.TypeAsync(reason);
        await Keyboard.TabToButtonAsync(page, visitor.Say("Record the decision", "记录决定"));
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/review?decided=*");
        Assert.Contains(dispute.Id, await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("tbody tr", new() { HasText = dispute.Id }).CountAsync());
        await visitor.CheckAsync("review-decided");

        var mine = await api.SendAsync(HttpMethod.Get, "v1/me/disputes", dispute.Subject.Key, null, HttpStatusCode.OK);
        Assert.Contains(reason, mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_without_a_reason_is_refused_and_the_case_stays_in_the_queue()
    {
        using var api = new RegistryApi(fixture);
        var dispute = await api.EscalatedAsync("No reason");
        await using var visitor = await fixture.VisitorAsync("zh-CN");
        var page = visitor.Page;
        await visitor.SignInAsAsync("reviewer");
        await page.GotoAsync($"review/dispute/{dispute.Id}");
        await page.Locator("#reason").EvaluateAsync("e => e.removeAttribute('required')");
        await page.Locator("#reason").FillAsync("   ");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "记录决定" }).ClickAsync());
        Assert.DoesNotContain("urn:", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("review");
        Assert.Equal(1, await page.Locator("tbody tr", new() { HasText = dispute.Id }).CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u200B")]
    public async Task A_case_file_never_opens_without_a_readable_purpose(string purpose)
    {
        using var api = new RegistryApi(fixture);
        var dispute = await api.EscalatedAsync("Purpose " + purpose.Length);
        static int Reads(string file) => file.Split("dispute-reviewer").Length - 1;
        var before = Reads(await api.SendAsync(HttpMethod.Get, "v1/me", dispute.Subject.Key, null, HttpStatusCode.OK));
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.SignInAsAsync("reviewer");
        await visitor.Page.GotoAsync($"review/dispute/{dispute.Id}?purpose={Uri.EscapeDataString(purpose)}");
        Assert.Equal(0, await visitor.Page.Locator("#records").CountAsync());
        Assert.Equal(1, await visitor.Page.Locator("#purpose").CountAsync());
        var after = Reads(await api.SendAsync(HttpMethod.Get, "v1/me", dispute.Subject.Key, null, HttpStatusCode.OK));
        Assert.Equal(before, after);
    }
}
