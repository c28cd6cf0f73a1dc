using System.Net;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>
/// Each role's pages refuse the other roles as the API refuses their keys (403, a sentence, nothing of
/// the page's data), and send an anonymous visitor to sign in. The rule is the use case's: the pages
/// only show its refusal.
/// </summary>
[Collection(RolePortalCollection.Name)]
public sealed class RolePageRefusalTests(PortalFixture fixture)
{
    public static TheoryData<string, string> Refused => new()
    {
        { "/source/disputes", "operator" },
        { "/source/disputes", "reviewer" },
        { "/source/disputes", "subject" },
        { "/source/disputes", "relying-party" },
        { "/source/disputes", "auditor" },
        { "/source/disputes/any", "reviewer" },
        { "/review", "source" },
        { "/review", "operator" },
        { "/review", "subject" },
        { "/review", "auditor" },
        { "/review/dispute/any", "relying-party" },
        { "/operator", "source" },
        { "/operator", "reviewer" },
        { "/operator", "subject" },
        { "/operator", "relying-party" },
        { "/operator/keys", "auditor" },
        { "/operator/keys", "source" },
        { "/operator/keys", "subject" },
        { "/operator/policies", "reviewer" },
        { "/operator/policies", "subject" },
        { "/operator/policies", "relying-party" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_role_page_refuses_another_role_with_403_and_a_sentence(string path, string role)
    {
        await using var visitor = await fixture.VisitorAsync(role == "subject" ? "zh-CN" : "en");
        await visitor.SignInAsAsync(role);
        var response = await visitor.Page.GotoAsync(path.TrimStart('/'));
        Assert.Equal(403, response!.Status);
        var alert = await visitor.Page.Locator("[role=alert]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(alert));
        Assert.DoesNotContain("forbidden", alert, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await visitor.Page.Locator("main table").CountAsync());
        Assert.Equal(0, await visitor.Page.Locator("main form[method=post]").CountAsync());

        // The API refuses the same key for the same use case.
        using var api = new RegistryApi(fixture);
        var apiPath = path switch
        {
            var p when p.StartsWith("/source", StringComparison.Ordinal) => "v1/disputes?state=open",
            var p when p.StartsWith("/review", StringComparison.Ordinal) => "v1/review/queue",
            "/operator/keys" => "v1/principals",
            "/operator/policies" => "v1/policies",
            _ => "v1/summary",
        };
        Assert.Equal(HttpStatusCode.Forbidden, await api.StatusAsync(HttpMethod.Get, apiPath, fixture.Server.KeyOf(role).Key));
    }

    [Theory]
    [InlineData("/source/disputes")]
    [InlineData("/source/disputes/d-1")]
    [InlineData("/review")]
    [InlineData("/review/dispute/d-1")]
    [InlineData("/operator")]
    [InlineData("/operator/keys")]
    [InlineData("/operator/policies")]
    [InlineData("/operator/simulations/x")]
    [InlineData("/operator/simulations/runs/x")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back(string path)
    {
        await using var visitor = await fixture.VisitorAsync("en");
        await visitor.Page.GotoAsync(path.TrimStart('/'));
        Assert.Contains("/sign-in?returnUrl=" + Uri.EscapeDataString(path), visitor.Page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await visitor.Page.Locator("main table").CountAsync());
    }

    [Fact]
    public async Task An_auditor_reads_the_dashboard_and_policies_but_the_policy_forms_refuse_it()
    {
        await using var visitor = await fixture.VisitorAsync("en");
        var page = visitor.Page;
        await visitor.SignInAsAsync("auditor");
        await visitor.OpenAsync("/operator", "auditor-dashboard");
        await visitor.OpenAsync("/operator/policies", "auditor-policies");
        await page.Locator("#yaml").FillAsync("id: x\n");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Validate", Exact = true }).ClickAsync();
        await page.Locator("[role=alert]").WaitForAsync();
        Assert.Equal(0, await page.Locator("table.problems").CountAsync());
    }

    [Theory]
    [InlineData("operator/keys", "create-key")]
    [InlineData("operator/policies", "activate")]
    [InlineData("operator/policies/rongcheng-persons%402026.1", "simulate")]
    [InlineData("operator/policies/rongcheng-persons%402026.1", "sign-off")]
    [InlineData("operator/policies/rongcheng-persons%402026.1", "activate-one")]
    [InlineData("source/disputes/any", "answer")]
    [InlineData("review/dispute/any", "decide")]
    public async Task A_role_form_posted_without_its_anti_forgery_token_is_refused(string path, string form)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        var response = await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = form, ["Name"] = "x", ["Tag"] = "x", ["Reason"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
