using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// One person in one browser context, in one language. <see cref="OpenAsync"/> is how a test visits a
/// page: it asserts the page answered 200 without a console error (a CSP violation is one), runs axe
/// (no serious or critical violation) and writes the page's screenshot to
/// <c>bin/screenshots/&lt;lang&gt;/&lt;name&gt;.jpg</c>. <see cref="CheckAsync"/> does the same for the
/// page a journey arrived at.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    /// <summary>Marks the page shown now as old: a new document has no mark, and Blazor's <c>enhancedload</c> takes it off a page it patched in place.</summary>
    private const string MarkOldPage =
        "() => { window.credenceOldPage = true; window.Blazor?.addEventListener?.('enhancedload', () => { window.credenceOldPage = false; }); }";

    private const string PortalSession = "credence.session";

    private static readonly AxeRunOptions ViolationsOnly = AxeRules.SeriousOrCritical();

    private readonly PortalFixture fixture;
    private readonly List<string> consoleErrors = [];

    public Visitor(PortalFixture fixture, IBrowserContext context, IPage page, string lang)
    {
        this.fixture = fixture;
        Context = context;
        Lang = lang;
        Page = page;
        Page.Console += OnConsole;
        Page.PageError += OnPageError;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary><c>en</c> or <c>zh-CN</c>.</summary>
    public string Lang { get; }

    public bool Chinese => Lang == "zh-CN";

    /// <summary>The English or the Chinese of a text, for this visitor's language.</summary>
    public string Say(string english, string chinese) => Chinese ? chinese : english;

    /// <summary>Goes to <paramref name="path"/>, checks it (status 200, axe, no console error) and screenshots it as <paramref name="name"/>.</summary>
    public async Task<IResponse> OpenAsync(string path, string name)
    {
        var response = await Page.GotoAsync(path.TrimStart('/'));
        Assert.NotNull(response);
        Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
        await CheckAsync(name);
        return response;
    }

    /// <summary>Checks the page as it is now: its language, axe's serious and critical violations (none), no console error; then the screenshot.</summary>
    public async Task CheckAsync(string name) => await CheckAsync(name, expectedStatus: 200);

    /// <summary>
    /// <see cref="CheckAsync(string)"/> for a page answered with <paramref name="expectedStatus"/> (a not-found
    /// page): the browser's own console line about that status is expected; any other console error is not.
    /// </summary>
    public async Task CheckAsync(string name, int expectedStatus)
    {
        if (expectedStatus != 200)
        {
            consoleErrors.RemoveAll(e => e.StartsWith($"Failed to load resource: the server responded with a status of {expectedStatus} ", StringComparison.Ordinal));
        }

        Assert.Equal(Lang, await Page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(consoleErrors.Count == 0, $"{name} ({Lang}) console errors: {string.Join(" | ", consoleErrors)}");

        // Implementation note: axe and the screenshot run once per page and language in a run (the first test
        // to show a page under a name checks and pictures it); a later test showing the same page under the
        // same name still has its language and console checked above. A screenshot taken again under a name
        // would only overwrite the same file, and axe is most of a browser test's time.
        if (!PortalFixture.Checked.TryAdd(Lang + "/" + name, true))
        {
            return;
        }

        var axe = await RunAxeAsync();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name} ({Lang}): {Describe(bad)}");
        var file = Path.Combine(PortalFixture.Screenshots, Lang, name + ".jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        // Implementation note: a JPEG at quality 80, not a PNG. Measured in one run of the role pages' tests (73 pages,
        // each pictured both ways, alternately first), the whole page as a PNG cost Chromium 280 ms of processor time
        // against 190 to 250 ms as a JPEG; the text stays legible, which is all the pictures are for. The page is still
        // pictured whole: most of the cost is drawing it beyond the window (the window alone cost 75 ms).
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Type = ScreenshotType.Jpeg, Quality = 80 });
    }

    /// <summary>
    /// Runs every axe rule that can report a serious or critical violation (<see cref="AxeRules"/>) on the page in the
    /// page itself and keeps only the violations (axe's own <c>resultTypes</c> option: the passes are still found,
    /// just not listed node by node).
    /// </summary>
    /// <remarks>
    /// Implementation note: the library's default run collects every rule's results in the page, opens a
    /// new browser context and page to merge them, and lists each passing node with a unique selector; on a
    /// page of tables and charts that took three to four times as long as this run, for the same
    /// violations. Its "legacy" run is axe's own <c>axe.run</c> in the page; what it gives up is the merging of
    /// results across cross-origin frames, and the portal's pages have no frames.
    /// </remarks>
    private async Task<AxeResult> RunAxeAsync()
    {
#pragma warning disable CS0618 // RunAxeLegacy is marked as going away in some later version: see the note above
        return await Page.RunAxeLegacy(options: ViolationsOnly);
#pragma warning restore CS0618
    }

    /// <summary>
    /// Signs in with a key through the sign-in form, as a person would (keyboard: the field, then Enter), and
    /// lands on <paramref name="returnUrl"/> (or the role's first page). A key that signed in through the form
    /// before in this collection has its session cookie set instead, and the visitor goes straight to
    /// <paramref name="returnUrl"/> (or stays on the blank page: every caller goes on to a page of its own).
    /// </summary>
    /// <remarks>
    /// Implementation note: the form's two pages cost about half a second of the browser's processor time, and most
    /// tests sign in with one of the demo's keys that another test already used. The session cookie is the whole
    /// of a portal session (nothing is kept on the server but the key it names, checked on every request), so a
    /// copy in a new visitor's browser is the same session a second sign-in would give. A key the form refuses
    /// gets no cookie and always goes through the form.
    /// </remarks>
    public async Task SignInAsync(string key, string? returnUrl = null)
    {
        if (fixture.SessionOf(key) is { } session)
        {
            await Context.AddCookiesAsync(session);
            if (returnUrl is not null)
            {
                await Page.GotoAsync(returnUrl.TrimStart('/'));
            }

            return;
        }

        await Page.GotoAsync("sign-in" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await Page.Locator("#key").FillAsync(key);
        await FollowAsync(() => Page.Locator("#key").PressAsync("Enter"));
        var cookies = (await Context.CookiesAsync()).Where(c => c.Name == PortalSession).Select(Copy).ToList();
        if (cookies.Count > 0)
        {
            fixture.RememberSession(key, cookies);
        }
    }

    /// <summary>
    /// Signs in with <paramref name="key"/> (<see cref="SignInAsync"/>) on the way to <paramref name="path"/> and checks the
    /// page there as <see cref="OpenAsync"/> does, as <paramref name="name"/>: status 200, language, axe, no console error,
    /// the screenshot; and that the page shown is at <paramref name="path"/>.
    /// </summary>
    /// <remarks>
    /// Implementation note: the sign-in form already lands on <paramref name="path"/>, and opening it again only to check it
    /// was one more page load (about 0.3 s of the browser's processor time). The status checked is that of the document
    /// shown, as the browser's navigation timing has it: after the form's redirect, the page's own answer. A key with a
    /// session already goes straight to <see cref="OpenAsync"/>.
    /// </remarks>
    public async Task SignInToAsync(string key, string path, string name)
    {
        if (fixture.SessionOf(key) is not null)
        {
            await SignInAsync(key);
            await OpenAsync(path, name);
            return;
        }

        await SignInAsync(key, path);
        Assert.Equal(path, new Uri(Page.Url).PathAndQuery);
        var status = await Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation')[0].responseStatus");
        Assert.True(status == 200, $"{path} answered {status}");
        await CheckAsync(name);
    }

    /// <summary>
    /// Does <paramref name="action"/> (a click, or Enter in a form, that leads to a page) and returns once
    /// the page it led to, at an address matching the glob <paramref name="url"/>, is loaded and shown.
    /// </summary>
    /// <remarks>
    /// Implementation note: never "act, then wait for the address". Playwright for .NET takes its events
    /// on another thread, so a navigation that commits between <c>WaitForURLAsync</c>'s look at the
    /// address and its subscription is missed and the wait runs into its 30 s timeout (the published
    /// list check failed so once); <c>WaitForLoadStateAsync</c> after a click returns at once while the
    /// old page is still shown; and Blazor's enhanced navigation changes the address (pushState) before
    /// it patches the page. (Playwright's RunAndWaitForNavigationAsync is obsolete for the same races.)
    /// So the old page is marked before the action, and the wait is for the mark to be gone: a new
    /// document has none, and the framework's <c>enhancedload</c> event removes it once it has patched
    /// the page in place; the wait survives the navigation. Only then is the address checked, with
    /// nothing left to race.
    /// </remarks>
    public async Task FollowAsync(Func<Task> action, string url = "**")
    {
        await Page.EvaluateAsync(MarkOldPage);
        await action();
        await Page.WaitForFunctionAsync("() => window.credenceOldPage !== true && document.readyState === 'complete'");
        await Page.WaitForURLAsync(url);
    }

    /// <summary>Signs in as the first principal of <paramref name="role"/> the demo printed a key for.</summary>
    public Task SignInAsAsync(string role) => SignInAsync(fixture.Server.KeyOf(role).Key);

    /// <summary>Hands the tab back to the fixture for the next test (cookies cleared, a blank page): see <see cref="PortalFixture.VisitorAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Page.Console -= OnConsole;
        Page.PageError -= OnPageError;
        await fixture.ReturnAsync(Lang, Context, Page);
    }

    private static Cookie Copy(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name,
        Value = c.Value,
        Domain = c.Domain,
        Path = c.Path,
        Expires = c.Expires,
        HttpOnly = c.HttpOnly,
        Secure = c.Secure,
        SameSite = c.SameSite,
    };

    private void OnConsole(object? sender, IConsoleMessage message)
    {
        if (message.Type == "error")
        {
            consoleErrors.Add(message.Text);
        }
    }

    private void OnPageError(object? sender, string error) => consoleErrors.Add(error);

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("; ", violations.Select(v => $"{v.Id} [{v.Impact}] {v.Help}: {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}"));
}
