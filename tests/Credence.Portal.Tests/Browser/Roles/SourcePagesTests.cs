using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>A source's pages: the disputes about its records with their deadlines, answered by keyboard.</summary>
[Collection(RolePortalCollection.Name)]
public sealed class SourcePagesTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_source_sees_a_dispute_with_its_deadline_and_evidence_and_verifies_it_by_keyboard_with_a_reason(string lang)
    {
        using var api = new RegistryApi(fixture);
        var evidence = lang == "en" ? "Receipt 2026-118: the fine was paid in full" : "缴款收据 2026-118：罚款已全额缴纳";
        var dispute = await api.DisputeAsync("Not my case: " + lang, evidence);

        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsync(dispute.Source.Key);
        await visitor.OpenAsync("/source/disputes", "source-disputes");
        Assert.Equal(visitor.Say("Disputes about my records", "关于本机构记录的异议"), await page.Locator("h1").InnerTextAsync());
        var row = page.Locator("#open ~ table tbody tr", new() { HasText = dispute.SourceRecordId });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(dispute.Subject.Subject, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await row.Locator("time").Nth(1).CountAsync());
        Assert.Contains(visitor.Say("days left", "剩余"), await row.InnerTextAsync(), StringComparison.Ordinal);

        await visitor.FollowAsync(() => row.Locator("a").ClickAsync(), $"**/source/disputes/{dispute.Id}");
        await visitor.CheckAsync("source-dispute");
        Assert.Contains(evidence, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // Keyboard only: the answer (verify is chosen), the reason, then the button.
        await Keyboard.TabToAsync(page, "answer-verify");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.TabToAsync(page, "reason");
        var reason = visitor.Say("Checked against judgment (2026) 12; it names this person.", "已与（2026）12 号判决核对，判决所列为本人。");
        await page.Keyboard.TypeAsync(reason);
        await Keyboard.TabToButtonAsync(page, visitor.Say("Send the answer", "提交答复"));
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/source/disputes?answered=*");
        Assert.Contains(dispute.Id, await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("source-answered");

        // The answer is the registry's: the source's closed disputes through the API hold it, verified with the reason.
        using var closed = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/disputes?state=closed", dispute.Source.Key, null, HttpStatusCode.OK));
        var answered = closed.RootElement.EnumerateArray().Single(d => d.GetProperty("id").GetString() == dispute.Id);
        Assert.Equal(reason, answered.GetProperty("answerReason").GetString());
        var closedRow = page.Locator("#closed ~ table tbody tr", new() { HasText = reason });
        Assert.Equal(1, await closedRow.CountAsync());
        Assert.Contains(dispute.SourceRecordId, await closedRow.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "")]
    [InlineData("zh-CN", "")]
    [InlineData("en", "line one\u202Eevil")]
    public async Task An_answer_without_a_readable_reason_is_refused_in_a_sentence_and_changes_nothing(string lang, string reason)
    {
        using var api = new RegistryApi(fixture);
        var dispute = await api.DisputeAsync("Refusal " + lang + reason.Length, "none");
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsync(dispute.Source.Key);
        await page.GotoAsync($"source/disputes/{dispute.Id}");

        // The browser would stop an empty required field; the server must refuse it on its own.
        await page.Locator("#reason").EvaluateAsync("e => e.removeAttribute('required')");
        await page.Locator("#reason").FillAsync(reason);
        await page.Locator("#answer-withdraw").CheckAsync();
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Send the answer", "提交答复") }).ClickAsync());
        var alert = await page.Locator("[role=alert]").InnerTextAsync();
        Assert.DoesNotContain("urn:", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("missing-field", alert, StringComparison.Ordinal);
        await visitor.CheckAsync("source-answer-refused");

        using var open = JsonDocument.Parse(await api.SendAsync(HttpMethod.Get, "v1/disputes?state=open", dispute.Source.Key, null, HttpStatusCode.OK));
        Assert.Contains(open.RootElement.EnumerateArray(), d => d.GetProperty("id").GetString() == dispute.Id);
    }

    [Fact]
    public async Task Another_source_s_dispute_answers_as_no_such_dispute()
    {
        using var api = new RegistryApi(fixture);
        var dispute = await api.DisputeAsync("Another source", "none");
        var other = fixture.Server.Keys.Values.First(k => k.Role == "source" && k.Name != dispute.Source.Name);
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.SignInAsync(other.Key);
        await visitor.Page.GotoAsync($"source/disputes/{dispute.Id}");
        var theirs = await visitor.Page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(dispute.Subject.Subject, theirs, StringComparison.Ordinal);
        Assert.Equal(0, await visitor.Page.Locator("main form").CountAsync());
        await visitor.Page.GotoAsync("source/disputes/no-such-dispute");
        Assert.Equal(theirs.Replace(dispute.Id, "no-such-dispute", StringComparison.Ordinal), await visitor.Page.Locator("main").InnerTextAsync());
    }
}
