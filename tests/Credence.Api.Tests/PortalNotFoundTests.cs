using System.Net;

namespace Credence.Api.Tests;

/// <summary>
/// A path nothing answers: the portal's not-found page (HTML, 404, in the viewer's language) for a
/// person's path, the API's problem details for an API path.
/// </summary>
/// <remarks>
/// The cases share a host (<see cref="SharedHost"/>): they only read, and the host's client sends no cookie one of them was
/// given.
/// </remarks>
public class PortalNotFoundTests(SharedHost shared) : SharedHostTests(shared)
{
    [Theory]
    [InlineData("/nope", "en", "Page not found")]
    [InlineData("/me/nope", "en", "Page not found")]
    [InlineData("/source/intake/x/y/z", "en", "Page not found")]
    [InlineData("/source/intake/x/rejected.xml", "en", "Page not found")]
    [InlineData("/v1x/nope", "en", "Page not found")]
    [InlineData("/operator/nope?to=2026-01-01", "en", "Page not found")]
    [InlineData("/nope", "zh-CN", "未找到页面")]
    [InlineData("/me/nope", "zh-CN,zh;q=0.9", "未找到页面")]
    [InlineData("/%E4%B8%8D%E5%AD%98%E5%9C%A8", "zh-TW", "未找到页面")]
    public async Task An_unknown_portal_path_answers_the_not_found_page_in_the_viewers_language(string path, string language, string title)
    {
        var host = await HostAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await host.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("urn:credence:problem", html, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "the portal's headers are on its not-found page");
    }

    [Fact]
    public async Task The_chosen_language_cookie_decides_the_not_found_pages_language()
    {
        var host = await HostAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/nope");
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");
        request.Headers.TryAddWithoutValidation("Cookie", "credence.culture=c%3Dzh-CN%7Cuic%3Dzh-CN");
        var response = await host.Client.SendAsync(request);
        Assert.Contains("<h1>未找到页面</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/nope")]
    [InlineData("GET", "/V1/Nope")]
    [InlineData("GET", "/v1")]
    [InlineData("GET", "/v2/nothing")]
    [InlineData("GET", "/V9/me")]
    [InlineData("POST", "/v1/no/such/route")]
    [InlineData("DELETE", "/v1/me/nope")]
    public async Task An_unknown_API_path_keeps_its_problem_details(string method, string path)
    {
        var host = await HostAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        await Problems.AssertAsync(await host.Client.SendAsync(request), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_form_posted_to_an_unknown_portal_path_is_a_bare_404()
    {
        var host = await HostAsync();
        var response = await host.Client.PostAsync("/nope", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }
}
