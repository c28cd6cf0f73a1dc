using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// Evidence added to an open dispute from the subject's dispute page (<c>/me/disputes/{id}</c>), in both
/// languages: by keyboard alone, shown to the source on its dispute page, and every refusal (a file that is
/// not evidence, too large, one too many, a dispute closed meanwhile) shown as a sentence with nothing added.
/// </summary>
public sealed partial class SubjectPagesTests
{
    public static TheoryData<string, string> AddedEvidenceRefusals()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in new[] { "en", "zh-CN" })
        {
            foreach (var kind in new[] { "disguised", "large", "many", "closed" })
            {
                data.Add(lang, kind);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Evidence_is_added_to_an_open_dispute_by_keyboard_and_the_source_sees_it_on_its_dispute_page(string lang)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/disputes");
        var (visitor, page) = (journey.Visitor, journey.Page);
        var disputeId = await OpenDisputeThroughThePageAsync(journey, new FilePayload { Name = "judgment.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.Pdf });

        // Keyboard only: from the list to the dispute, to the file field, to the button.
        await visitor.OpenAsync("/me/disputes", "dispute-evidence-0-list");
        await TabToAsync(page, e => e.Href?.EndsWith("/me/disputes/" + disputeId, StringComparison.Ordinal) == true);
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/me/disputes/" + disputeId);
        await visitor.CheckAsync("dispute-evidence-1-page");
        Assert.Equal(1, await page.Locator("ul.evidence-files li").CountAsync());
        await TabToAsync(page, e => e.Id == "evidence-file");
        // A file chooser is the operating system's: the test hands the chosen file to the focused input.
        await page.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = "户口簿.png", MimeType = "image/png", Buffer = EvidenceBytes.Png });
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        await ArrivedAsync(visitor, () => page.Keyboard.PressAsync("Enter"), "**/me/disputes/" + disputeId + "?added=1");
        await visitor.CheckAsync("dispute-evidence-2-added");
        Assert.Contains(visitor.Say("The file was added", "文件已添加"), await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        var listed = await page.Locator("ul.evidence-files").InnerTextAsync();
        Assert.Contains("户口簿.png", listed, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(EvidenceBytes.Png)), listed, StringComparison.Ordinal);
        await NoRawCodeAsync(page);

        // The source reads both files on its dispute page, the added one with its bytes.
        await using var court = await fixture.VisitorAsync(lang);
        await court.SignInToAsync(fixture.Server.Keys["court"].Key, "/source/disputes/" + disputeId, "dispute-evidence-3-source");
        var names = await court.Page.Locator("ul.evidence-files li a").AllInnerTextsAsync();
        Assert.Equal(["judgment.pdf", "户口簿.png"], names);
        var href = await court.Page.Locator("ul.evidence-files li a").Nth(1).GetAttributeAsync("href");
        var file = await court.Context.APIRequest.GetAsync(new Uri(fixture.Server.Address, href!).ToString());
        Assert.Equal(EvidenceBytes.Png, await file.BodyAsync());

        // Another subject finds no such dispute, and no form.
        var stranger = SubjectFixtures.FreshPerson();
        await using var neighbour = await fixture.VisitorAsync(lang);
        await neighbour.SignInToAsync(await journey.Others.SubjectKeyAsync(stranger), "/me/disputes/" + disputeId, "dispute-evidence-not-found");
        Assert.Contains(visitor.Say("You have no dispute with this number.", "您没有这个编号的异议。"), await neighbour.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await neighbour.Page.Locator("#evidence-file").CountAsync());
    }

    [Theory]
    [MemberData(nameof(AddedEvidenceRefusals))]
    public async Task Evidence_that_cannot_be_added_is_refused_in_a_sentence_and_nothing_is_added(string lang, string kind)
    {
        await using var journey = await SubjectJourney.StartAsync(fixture, lang, "/me/disputes");
        var (visitor, page) = (journey.Visitor, journey.Page);
        FilePayload[] sent = kind == "many"
            ? [.. Enumerable.Range(1, 3).Select(i => new FilePayload { Name = $"page-{i}.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.Pdf })]
            : [];
        var disputeId = await OpenDisputeThroughThePageAsync(journey, sent);
        await visitor.OpenAsync("/me/disputes/" + disputeId, "dispute-evidence-refusal-form-" + kind);
        if (kind == "closed")
        {
            // The court withdraws the record while the page is open: the form was offered, the use case refuses.
            await journey.Others.WithdrawAsync(disputeId);
        }

        var file = kind switch
        {
            "disguised" => new FilePayload { Name = "judgment.pdf", MimeType = "application/pdf", Buffer = EvidenceBytes.HtmlAsPdf },
            "large" => new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = EvidenceBytes.LargeJpeg() },
            _ => new FilePayload { Name = "one-more.png", MimeType = "image/png", Buffer = EvidenceBytes.Png },
        };
        await page.Locator("#evidence-file").SetInputFilesAsync(file);
        await visitor.FollowAsync(() => page.Locator("form.stack button[type=submit]").ClickAsync(), "**/me/disputes/" + disputeId);
        var alert = await page.Locator("[role=alert]").InnerTextAsync();
        var expected = kind switch
        {
            "disguised" => visitor.Say("not accepted as evidence", "不能作为证据"),
            "large" => visitor.Say("too large", "过大"),
            "many" => visitor.Say("Too many files", "文件过多"),
            _ => visitor.Say("This dispute is closed", "此异议已结案"),
        };
        Assert.Contains(expected, alert, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence-", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("dispute-closed", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be opened", alert, StringComparison.Ordinal);
        Assert.Equal(sent.Length, await page.Locator("ul.evidence-files li").CountAsync());
        Assert.Equal(sent.Length, (await journey.Others.CourtEvidenceAsync(disputeId)).GetArrayLength());
        await NoRawCodeAsync(page);
        await visitor.CheckAsync("dispute-evidence-refused-" + kind);
    }

    /// <summary>
    /// Opens a dispute of the journey's record through the dispute form, with <paramref name="files"/>; returns its id. The
    /// journey is on its first page, the dispute form (it started at <c>/me/disputes</c>).
    /// </summary>
    private async Task<string> OpenDisputeThroughThePageAsync(SubjectJourney journey, params FilePayload[] files)
    {
        var page = journey.Page;
        Assert.EndsWith("/me/disputes", page.Url, StringComparison.Ordinal);
        await page.Locator("#reason").FillAsync(journey.Visitor.Say("Not me: the judgment names another person", "不是我：判决书所列为另一人"));
        if (files.Length > 0)
        {
            await page.Locator("#evidence-files").SetInputFilesAsync(files);
        }

        await ArrivedAsync(journey.Visitor, () => page.Locator("form.stack button[type=submit]").ClickAsync(), "**/me/disputes?opened=*");
        return new Uri(page.Url).Query.Split('=')[1];
    }
}
