using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>The public pages, without signing in: organisations, published lists, policies; in both languages.</summary>
[Collection(PortalCollection.Name)]
public sealed class PublicPageTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_visitor_finds_an_organisation_by_name_from_the_home_page_by_keyboard_and_reads_its_grade(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.OpenAsync("/", "home");

        // Keyboard only: Tab to the search field, type the start of a name, Enter.
        for (var i = 0; i < 30 && await page.EvaluateAsync<string>("document.activeElement.id") != "q"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(visitor.Say("Pudong", "浦东"));
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), "**/organisations?q=*");
        await visitor.CheckAsync("organisations-found");

        var first = page.Locator("tbody tr th a").First;
        var name = await first.InnerTextAsync();
        Assert.StartsWith(visitor.Say("Pudong ", "浦东"), name, StringComparison.Ordinal);
        Assert.Equal(visitor.Chinese ? "zh-CN" : "en", await first.GetAttributeAsync("lang"));
        await visitor.FollowAsync(() => first.ClickAsync(), "**/organisations/*");
        await visitor.CheckAsync("organisation");
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());

        var code = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        using var http = new HttpClient { BaseAddress = fixture.Server.Address };
        var profile = await http.GetFromJsonAsync<JsonElement>($"v1/public/organisations/{code}");
        Assert.Equal(profile.GetProperty("grade").GetString(), await page.Locator(".grade").InnerTextAsync());
    }

    [Theory]
    [InlineData("en", "pudong")]
    [InlineData("en", "PUDONG  anda")]
    [InlineData("en", "ｐｕｄｏｎｇ")]
    [InlineData("zh-CN", "浦东")]
    [InlineData("zh-CN", "浦东安达")]
    public async Task A_name_prefix_finds_the_same_organisations_however_it_is_typed(string lang, string query)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.OpenAsync("/organisations?q=" + Uri.EscapeDataString(query), "organisations-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(query))[..8]);
        var names = await visitor.Page.Locator("tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        var wanted = query.Contains("安达", StringComparison.Ordinal) || query.Contains("anda", StringComparison.Ordinal) ? ("Pudong Anda", "浦东安达") : ("Pudong", "浦东");
        Assert.All(names, n => Assert.True(n.Contains(wanted.Item1, StringComparison.Ordinal) && n.Contains(wanted.Item2, StringComparison.Ordinal), n));
    }

    [Fact]
    public async Task A_code_prefix_finds_organisations_and_pages_through_them_in_a_stable_order()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        var page = visitor.Page;
        await visitor.OpenAsync("/organisations?q=9131", "organisations-by-code");
        var heading = await page.Locator("#results").InnerTextAsync();
        var total = int.Parse(heading.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(total > 20, heading);
        var first = await page.Locator("tbody td code").AllInnerTextsAsync();
        Assert.Equal(20, first.Count);
        Assert.All(first, c => Assert.StartsWith("9131", c, StringComparison.Ordinal));

        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync(), "**page=2");
        await visitor.CheckAsync("organisations-page-2");
        var second = await page.Locator("tbody td code").AllInnerTextsAsync();
        Assert.Empty(first.Intersect(second));
        Assert.All(second, c => Assert.StartsWith("9131", c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "11010519491231002X", "a person's score and grade are never public")]
    [InlineData("zh-CN", "11010519491231002X", "个人的评分和等级从不公开")]
    [InlineData("en", "91310115MAG283EE3X", "not a valid identity number")]
    [InlineData("zh-CN", "91310115MAG283EE3X", "不是有效的")]
    public async Task An_organisation_page_for_a_person_or_a_broken_code_says_why_in_a_sentence(string lang, string code, string sentence)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.Page.GotoAsync("organisations/" + code);
        await visitor.CheckAsync("organisation-refused-" + code[..4]);
        var alert = await visitor.Page.Locator("[role=alert]").InnerTextAsync();
        Assert.Contains(sentence, alert, StringComparison.Ordinal);
        Assert.DoesNotContain("not-public", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid-identifier", alert, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_listed_organisation_shows_what_its_listing_rests_on_and_what_ends_it(string lang)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Address };
        var list = await http.GetFromJsonAsync<JsonElement>("v1/public/lists/serious-violators?pageSize=1");
        var member = list.GetProperty("entries")[0].GetProperty("subject").GetString()!;
        var profile = await http.GetFromJsonAsync<JsonElement>($"v1/public/organisations/{member}");
        var ground = profile.GetProperty("grounds").EnumerateArray().First(g => g.GetProperty("list").GetString() == "serious-violators");

        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.OpenAsync("/organisations/" + member, "organisation-listed");
        var section = visitor.Page.Locator("section.listing", new() { Has = visitor.Page.Locator("h3", new() { HasText = visitor.Say("Serious violators", "严重违法失信名单") }) });
        var text = await section.InnerTextAsync();
        Assert.Contains(ground.GetProperty("legalBasis").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("Blacklist", "黑名单"), text, StringComparison.Ordinal);
        Assert.Contains(visitor.Say("What ends it", "何时移出"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(ground.GetProperty("type").GetString()!, text, StringComparison.Ordinal); // the type's name, never its id
        Assert.True(await section.Locator("dl time").CountAsync() >= 1, text);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_published_lists_are_browsable_with_persons_masked_and_a_whole_number_can_be_checked(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.OpenAsync("/lists", "lists");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = visitor.Say("Court defaulter list", "失信被执行人名单") }).ClickAsync(), "**/lists/court-defaulters");
        await visitor.CheckAsync("list-court-defaulters");

        var subjects = await page.Locator("tbody th code").AllInnerTextsAsync();
        Assert.NotEmpty(subjects);
        var persons = subjects.Where(s => s.Contains('*', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(persons);
        Assert.All(persons, s => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", s));
        Assert.DoesNotMatch(@"\d{17}[\dX]", string.Join(' ', persons));

        // The wrong-person story's subject was delisted; a current court defaulter is on it.
        var story = fixture.Server.Keys.Values.First(k => k.About.Contains("wrong person", StringComparison.Ordinal));
        await page.Locator("#q").FillAsync(story.Subject);
        await visitor.FollowAsync(() => page.Locator("#q").PressAsync("Enter"), "**?q=" + story.Subject);
        await visitor.CheckAsync("list-check-not-member");
        Assert.Contains(visitor.Say("is not on this list now", "目前不在此名单上"), await page.Locator("#found").InnerTextAsync(), StringComparison.Ordinal);

        var listed = fixture.Server.Keys.Values.First(k => k.About.Contains("still within the listing term", StringComparison.Ordinal));
        await page.Locator("#q").FillAsync(listed.Subject);
        await visitor.FollowAsync(() => page.Locator("#q").PressAsync("Enter"), "**?q=" + listed.Subject);
        await visitor.CheckAsync("list-check-member");
        Assert.Contains(visitor.Say("is on this list", "在此名单上"), await page.Locator("#found").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(listed.Subject[..6] + "********" + listed.Subject[14..], await page.Locator("tbody th code").InnerTextAsync());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Each_policy_in_force_reads_as_a_document_with_its_record_types_grades_lists_measures_and_due_process(string lang)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.OpenAsync("/policies", "policies");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = visitor.Say("Rongcheng-style credit policy for persons", "荣成式个人信用政策") }).ClickAsync(), "**/policies/rongcheng-persons/*");
        await visitor.CheckAsync("policy-rongcheng-persons");

        var types = page.Locator("#record-types ~ table").First;
        var row = types.Locator("tr", new() { Has = page.Locator("th", new() { HasText = visitor.Say("Late credit-card payment", "信用卡逾期还款") }) });
        Assert.Equal("-10", await row.Locator("td.num").InnerTextAsync());
        Assert.Contains(visitor.Say("commercial", "商务"), await row.InnerTextAsync(), StringComparison.Ordinal);
        foreach (var id in new[] { "#grades", "#lists", "#measures", "#dispute", "#repair" })
        {
            Assert.Equal(1, await page.Locator(id).CountAsync());
        }

        Assert.Contains(visitor.Say("within 15 days", "15 天"), await page.Locator("#dispute ~ ol").First.InnerTextAsync(), StringComparison.Ordinal);
        var body = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("late-credit-card-payment", body, StringComparison.Ordinal);
        Assert.DoesNotContain("restrict-flights", body, StringComparison.Ordinal);

        await visitor.OpenAsync("/policies/shanghai-organisations/2026.1", "policy-shanghai-organisations");
    }
}
