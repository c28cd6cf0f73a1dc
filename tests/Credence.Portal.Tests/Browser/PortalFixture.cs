using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// One demo city, one server and one headless Chromium for a collection of browser tests (Debian's
/// <c>/usr/bin/chromium</c>; <c>playwright install</c> is neither possible here nor needed). There are two
/// collections (<see cref="PortalCollection"/>, <see cref="RolePortalCollection"/>), each with its own.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly ConcurrentDictionary<string, ConcurrentBag<Tab>> idle = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<Cookie>> sessions = new(StringComparer.Ordinal);
    private IPlaywright? playwright;

    public CityServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// The pages (language and screenshot name) that axe has checked and that were screenshot in this run, by
    /// either collection: see <see cref="Visitor.CheckAsync(string, int)"/>.
    /// </summary>
    public static ConcurrentDictionary<string, bool> Checked { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each page's screenshot goes: <c>bin/screenshots/&lt;lang&gt;/&lt;page&gt;.jpg</c> beside the test project.</summary>
    public static string Screenshots { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "bin", "screenshots"));

    public async Task InitializeAsync()
    {
        Server = await CityServer.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>
    /// A visitor whose browser asks for <paramref name="lang"/> (<c>en</c> or <c>zh-CN</c>), in a browser tab with no
    /// cookies at a blank page: one a test before left (<see cref="Visitor.DisposeAsync"/>) or a new one.
    /// </summary>
    /// <remarks>
    /// Implementation note: measured with Debian's Chromium on this 2-core machine, a new browser context with its
    /// page cost about 0.9 s of the browser's processor time before it showed anything (a renderer process, the
    /// browser's side of the tab, Playwright's scripts), against about 0.25 s for each page shown in it; the
    /// browser tests used to open one or two for each of their 235 tests. A tab is now handed back when its test is
    /// done: its cookies cleared (the session and the language) and the blank page shown, so the next test starts
    /// as a new visitor would, minus the cost. A tab that cannot be cleared is closed, not handed on.
    /// </remarks>
    public async Task<Visitor> VisitorAsync(string lang)
    {
        var tab = Idle(lang).TryTake(out var idle) ? idle : await NewTabAsync(lang);
        return new Visitor(this, tab.Context, tab.Page, lang);
    }

    /// <summary>Takes back a visitor's tab: cleared for the next test, or closed when it cannot be.</summary>
    internal async Task ReturnAsync(string lang, IBrowserContext context, IPage page)
    {
        try
        {
            await context.ClearCookiesAsync();
            await page.GotoAsync("about:blank");
            Idle(lang).Add(new Tab(context, page));
        }
        catch (PlaywrightException)
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>The session cookie a sign-in with <paramref name="key"/> got earlier in this collection, if any.</summary>
    internal IReadOnlyList<Cookie>? SessionOf(string key) => sessions.TryGetValue(key, out var cookies) ? cookies : null;

    /// <summary>Keeps the session cookie a sign-in with <paramref name="key"/> got through the form.</summary>
    internal void RememberSession(string key, IReadOnlyList<Cookie> cookies) => sessions.TryAdd(key, cookies);

    private ConcurrentBag<Tab> Idle(string lang) => idle.GetOrAdd(lang, _ => []);

    private async Task<Tab> NewTabAsync(string lang)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = lang,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = lang == "en" ? "en-GB,en;q=0.9" : "zh-CN,zh;q=0.9" },
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            TimezoneId = "UTC",
        });
        return new Tab(context, await context.NewPageAsync());
    }

    private sealed record Tab(IBrowserContext Context, IPage Page);
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>The operator's, reviewer's, source's and auditor's pages and the refusals between roles, on a city of their own.</summary>
[CollectionDefinition(Name)]
public sealed class RolePortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal-roles";
}
