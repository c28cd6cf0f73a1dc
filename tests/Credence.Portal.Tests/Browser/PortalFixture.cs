using Microsoft.Playwright;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// One demo city, one server and one headless Chromium for the whole test run (Debian's
/// <c>/usr/bin/chromium</c>; <c>playwright install</c> is neither possible here nor needed).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? playwright;

    public CityServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// The pages (language and screenshot name) that axe has checked and that were screenshot in this run:
    /// see <see cref="Visitor.CheckAsync(string, int)"/>.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Checked { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each page's screenshot goes: <c>bin/screenshots/&lt;lang&gt;/&lt;page&gt;.png</c> beside the test project.</summary>
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

    /// <summary>A fresh browser context (no cookies) whose browser asks for <paramref name="lang"/> (<c>en</c> or <c>zh-CN</c>).</summary>
    public async Task<Visitor> VisitorAsync(string lang)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = lang,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = lang == "en" ? "en-GB,en;q=0.9" : "zh-CN,zh;q=0.9" },
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
            TimezoneId = "UTC",
        });
        return new Visitor(this, context, lang);
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
