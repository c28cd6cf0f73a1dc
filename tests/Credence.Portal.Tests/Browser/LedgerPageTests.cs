using System.Net.Http.Json;
using System.Text.Json;

namespace Credence.Portal.Tests.Browser;

[Collection(RolePortalCollection.Name)]
public sealed class LedgerPageTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_ledger_page_shows_the_newest_checkpoint_the_API_serves_and_how_to_verify_it(string lang)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Address };
        using var asked = new HttpRequestMessage(HttpMethod.Get, "v1/ledger/checkpoint");
        asked.Headers.Accept.ParseAdd("application/json"); // the route answers the signed note unless JSON is asked for
        using var answer = await http.SendAsync(asked);
        var checkpoint = await answer.Content.ReadFromJsonAsync<JsonElement>();
        await using var visitor = await fixture.VisitorAsync(lang);

        await visitor.OpenAsync("/ledger", "ledger");

        var page = visitor.Page;
        Assert.Equal(visitor.Say("The ledger", "账本"), await page.Locator("h1").InnerTextAsync());
        var size = checkpoint.GetProperty("size").GetInt64();
        Assert.Contains(size.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(checkpoint.GetProperty("root").GetString()!, await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(checkpoint.GetProperty("verifierKey").GetString()!, await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(checkpoint.GetProperty("note").GetString()!.TrimEnd('\n'), (await page.Locator("pre.note").InnerTextAsync()).TrimEnd('\n'));
        Assert.Contains("credence verify-receipt", await page.Locator("#verify ~ ol").InnerTextAsync(), StringComparison.Ordinal);

        // The signing instant in the viewer's zone (Shanghai in Chinese, UTC in English), the UTC instant on hover.
        var time = page.Locator("dl.facts time");
        var signed = checkpoint.GetProperty("signedAt").GetDateTimeOffset();
        Assert.Equal(signed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), await time.GetAttributeAsync("datetime"));
        Assert.EndsWith(" UTC", await time.GetAttributeAsync("title"), StringComparison.Ordinal);
        var shown = visitor.Chinese ? signed.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC+8"
            : signed.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
        Assert.Equal(shown, await time.InnerTextAsync());
    }
}
