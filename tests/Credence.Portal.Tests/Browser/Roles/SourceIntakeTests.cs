using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>A source's intake history: its batches with their fates, one batch's rejected lines in words, and the download.</summary>
[Collection(RolePortalCollection.Name)]
public sealed class SourceIntakeTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_source_finds_its_newest_batch_reads_each_rejected_line_in_words_and_downloads_them(string lang)
    {
        var source = fixture.Server.KeyOf("source");
        var body = "{not json " + lang + "\n{\"subject\":\"11010519491231002X\",\"type\":\"no-such-type-" + lang + "\",\"area\":\"judicial\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"H-" + lang + "\"}\n[]\n";
        using (var http = new HttpClient { BaseAddress = fixture.Server.Address })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/records/batch") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.Key);
            using var refused = await http.SendAsync(request);
            Assert.False(refused.IsSuccessStatusCode, "no line of the batch is stored");
        }

        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.SignInAsync(source.Key);
        await visitor.OpenAsync("/source/intake", "source-intake");
        Assert.Equal(visitor.Say("Intake history", "报送记录"), await page.Locator("h1").InnerTextAsync());

        // Newest first: the batch just refused (3 lines, none stored) heads the table, with its time.
        var newest = page.Locator("main table tbody tr").First;
        var cells = await newest.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["3", "0", "0", "3"], cells.Take(4));
        Assert.Equal(1, await newest.Locator("time").CountAsync());
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 1, "the demo's own weekly batches follow");

        await visitor.FollowAsync(() => newest.Locator("a").ClickAsync(), "**/source/intake/*");
        await visitor.CheckAsync("source-batch");
        var rows = page.Locator("#rejected ~ table tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(["1", "2", "3"], await rows.Locator("th").AllInnerTextsAsync());
        foreach (var reason in await rows.Locator("td:nth-child(4)").AllInnerTextsAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.DoesNotMatch("^[a-z]+(-[a-z]+)+$", reason);
        }

        // The download holds every rejected line with its number and reason, from the same session.
        var csvHref = await page.Locator("a[href$='rejected.csv']").GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(csvHref!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,record,version,type,field,message", lines[0]);
        Assert.Equal(["1", "2", "3"], lines.Skip(1).Select(l => l.Split(',')[0]));
        var ndjson = await page.APIRequest.GetAsync((await page.Locator("a[href$='rejected.ndjson']").GetAttributeAsync("href"))!);
        var objects = (await ndjson.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2, 3], objects.Select(o => o.GetProperty("line").GetInt32()));

        // Another source reads this batch as one that does not exist, on the page and in the download.
        var batchPath = new Uri(page.Url).AbsolutePath;
        var other = fixture.Server.Keys.Values.First(k => k.Role == "source" && k.Name != source.Name);
        await using var stranger = await fixture.VisitorAsync(lang);
        await stranger.SignInAsync(other.Key);
        var response = await stranger.Page.GotoAsync(batchPath.TrimStart('/'));
        Assert.Equal(404, response!.Status);
        Assert.Equal(0, await stranger.Page.Locator("#rejected").CountAsync());
        Assert.Equal(404, (await stranger.Page.APIRequest.GetAsync(csvHref!)).Status);
    }

    [Fact]
    public async Task The_intake_history_pages_through_the_demos_batches()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.SignInAsync(fixture.Server.KeyOf("source").Key);
        await visitor.OpenAsync("/source/intake?page=2", "source-intake-page-2");
        Assert.Equal(1, await visitor.Page.Locator("nav.pager a[rel=prev]").CountAsync());
        var first = await visitor.Page.Locator("main table tbody tr time").First.GetAttributeAsync("datetime");
        Assert.Equal("source/intake?page=1", await visitor.Page.Locator("nav.pager a[rel=prev]").GetAttributeAsync("href"));
        await visitor.Page.GotoAsync("source/intake?page=1");
        var newer = await visitor.Page.Locator("main table tbody tr time").Last.GetAttributeAsync("datetime");
        Assert.True(string.CompareOrdinal(newer, first) >= 0, "page 1 is newer than page 2");
    }
}
