using System.Net;
using System.Text.RegularExpressions;

namespace Credence.Portal.Bench;

/// <summary>A browser without JavaScript: its own cookies, signed in through the sign-in form with a key (or not signed in).</summary>
internal sealed partial class Session : IDisposable
{
    private Session(Uri address)
    {
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 64 }) { BaseAddress = address };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");
    }

    public HttpClient Http { get; }

    public static Session Anonymous(Uri address) => new(address);

    public static async Task<Session> SignedInAsync(Uri address, string key)
    {
        var session = new Session(address);
        var form = await session.Http.GetStringAsync("sign-in");
        var token = Token().Match(form).Groups[1].Value;
        using var posted = await session.Http.PostAsync("sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Key"] = key,
        }));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing in answered {(int)posted.StatusCode}");
        }

        return session;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
