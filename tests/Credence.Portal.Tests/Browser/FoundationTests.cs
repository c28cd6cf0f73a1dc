using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>What every page shares: language, security headers, cookies, sign-in and sign-out.</summary>
[Collection(PortalCollection.Name)]
public sealed class FoundationTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("en", "Credit records you can check and contest")]
    [InlineData("zh-CN", "可以查证、可以申诉的信用记录")]
    public async Task The_home_page_speaks_the_browser_s_language(string lang, string heading)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.OpenAsync("/", "home");
        Assert.Equal(heading, await visitor.Page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task The_page_check_fails_on_a_serious_accessibility_violation()
    {
        // The check every page goes through must be able to fail: a button with no name is a critical violation.
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.Page.GotoAsync("ledger");
        await visitor.Page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<button type=\"button\"></button>')");
        var failed = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => visitor.CheckAsync("axe-check-must-fail"));
        Assert.Contains("button-name", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_that_outranks_the_browser_and_keeps_the_page()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        var page = visitor.Page;
        await page.GotoAsync("ledger");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync(), "**/ledger");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("账本", await page.Locator("h1").InnerTextAsync());

        await page.GotoAsync("");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        var cookie = (await visitor.Context.CookiesAsync()).Single(c => c.Name == "credence.culture");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync(), fixture.Server.Address.ToString());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("http:%2F%2Fevil.example")]
    public async Task The_language_switch_never_sends_anyone_to_another_site(string back)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        var response = await http.GetAsync("culture?to=zh-CN&back=" + Uri.EscapeDataString(back));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ledger")]
    [InlineData("/sign-in")]
    public async Task Every_page_carries_a_strict_content_security_policy(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Address };
        var response = await http.GetAsync(path.TrimStart('/'));
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();

        // No script but the registry's own files, and nothing fetched from elsewhere.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=""_framework/)", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task A_key_signs_in_by_keyboard_for_a_session_cookie_that_carries_no_key_and_signs_out(string lang)
    {
        var key = fixture.Server.KeyOf("operator");
        await using var visitor = await fixture.VisitorAsync(lang);
        var page = visitor.Page;
        await visitor.OpenAsync("/sign-in", "sign-in");

        // Keyboard only: Tab reaches the key field; Enter submits.
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("document.activeElement.id") != "key"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("key", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(key.Key);
        await visitor.FollowAsync(() => page.Keyboard.PressAsync("Enter"), fixture.Server.Address.ToString());
        Assert.Contains(key.Name, await page.Locator("header .who").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(visitor.Say("operator", "运营方"), await page.Locator("header .who").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.CheckAsync("signed-in");

        var session = (await visitor.Context.CookiesAsync()).Single(c => c.Name == "credence.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.False(session.Secure); // plain HTTP here; Secure when served over HTTPS
        Assert.DoesNotContain(key.Key[5..20], session.Value, StringComparison.Ordinal);
        Assert.All(await visitor.Context.CookiesAsync(), c => Assert.DoesNotContain(key.Key[5..20], c.Value, StringComparison.Ordinal));

        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = visitor.Say("Sign out", "退出登录") }).ClickAsync(), fixture.Server.Address.ToString());
        Assert.Equal(0, await page.Locator("header .who").CountAsync());
        Assert.DoesNotContain(await visitor.Context.CookiesAsync(), c => c.Name == "credence.session");
    }

    [Theory]
    [InlineData("en", "cred_not-a-key-this-registry-knows", "The key was not accepted")]
    [InlineData("zh-CN", "cred_not-a-key-this-registry-knows", "密钥未被接受")]
    [InlineData("en", "Bearer cred_x", "The key was not accepted")]
    [InlineData("zh-CN", "not even a key", "密钥未被接受")]
    public async Task A_wrong_key_is_refused_in_a_sentence_without_a_code_and_no_session_is_opened(string lang, string wrong, string sentence)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.SignInAsync(wrong);
        var alert = await visitor.Page.Locator("[role=alert]").InnerTextAsync();
        Assert.Contains(sentence, alert, StringComparison.Ordinal);
        Assert.DoesNotContain("unauthorized", alert, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("urn:", alert, StringComparison.Ordinal);
        Assert.DoesNotContain(await visitor.Context.CookiesAsync(), c => c.Name == "credence.session");
        await visitor.CheckAsync("sign-in-refused");
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        var signIn = await http.PostAsync("sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "sign-in", ["Key"] = fixture.Server.KeyOf("operator").Key }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("credence.session", StringComparison.Ordinal)));
        var signOut = await http.PostAsync("sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, signOut.StatusCode);
    }

    [Fact]
    public async Task Sign_in_through_OpenID_Connect_is_not_offered_when_it_is_not_configured()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.Page.GotoAsync("sign-in");
        Assert.Equal(0, await visitor.Page.Locator("#oidc").CountAsync());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        var challenge = await http.PostAsync("sign-in/oidc", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, challenge.StatusCode);
    }

    [Theory]
    [InlineData("en", "UTC", "en")]
    [InlineData("zh-CN", "Asia/Shanghai", "zh")]
    public async Task The_preferences_page_starts_from_the_language_and_zone_in_force(string lang, string zone, string language)
    {
        await using var visitor = await fixture.VisitorAsync(lang);
        await visitor.OpenAsync("/preferences", "preferences-" + language);
        Assert.Equal(visitor.Say("Language and time zone", "语言和时区"), await visitor.Page.Locator("h1").InnerTextAsync());
        Assert.Equal(zone, await visitor.Page.Locator("#zone").InputValueAsync());
        Assert.True(await visitor.Page.Locator("#lang-" + language).IsCheckedAsync());
    }

    [Fact]
    public async Task The_preferences_form_sets_the_time_zone_and_the_language()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        var page = visitor.Page;
        await visitor.OpenAsync("/preferences", "preferences");
        await page.Locator("#lang-zh").CheckAsync();
        await page.Locator("#zone").SelectOptionAsync("Asia/Tokyo");
        await visitor.FollowAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync());
        await page.GotoAsync("ledger");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.EndsWith("UTC+9", await page.Locator("dl.facts time").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo", await page.Locator("footer").InnerTextAsync(), StringComparison.Ordinal);
    }
}
