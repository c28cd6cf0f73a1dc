using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Credence.App.Http;

namespace Credence.Api.Tests;

/// <summary>
/// The portal's sign-in form under the API's limit on failed authentications: a wrong key typed into
/// the form counts as a wrong bearer key does, in the same budget, and a client over it is locked out
/// of both the form and the API (429 with Retry-After) while another client is not.
/// </summary>
public partial class PortalSignInLimitTests
{
    private static readonly ApiRateLimits Small = new()
    {
        PublicPermitLimit = 0,
        AuthFailureLimit = 6,
        AuthFailureWindow = TimeSpan.FromHours(1),
    };

    [Fact]
    public async Task Wrong_keys_typed_into_the_form_lock_the_client_out_of_the_form_and_the_API()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        using var form = new SignInForm(host, "127.0.0.1");
        foreach (var wrong in new[] { "cred_" + new string('x', 43), "not a key", string.Empty, "Bearer " + host.OperatorKey[..^1] + "A", "   ", "cred_短" })
        {
            var refused = await form.SignInAsync(wrong);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.False(form.HasSession);
        }

        // The budget is spent: the form refuses even the right key, with 429 and Retry-After, and opens no session.
        var locked = await form.SignInAsync(host.OperatorKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "429 carries Retry-After in seconds");
        Assert.Contains("role=\"alert\"", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(form.HasSession);

        // The same lock-out on the API, from the same client, whatever the key.
        await Problems.AssertAsync(await form.Http.SendAsync(Bearer("/v1/summary", host.OperatorKey)), HttpStatusCode.TooManyRequests, "too-many-requests");

        // Another client signs in with the same key: failures are counted per client, never per key.
        using var elsewhere = new SignInForm(host, "127.0.0.2");
        var opened = await elsewhere.SignInAsync(host.OperatorKey);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.True(elsewhere.HasSession);
    }

    [Fact]
    public async Task Wrong_bearer_keys_and_wrong_sign_ins_share_one_budget()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        using var form = new SignInForm(host, "127.0.0.3");
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await form.Http.SendAsync(Bearer("/v1/summary", "cred_" + new string((char)('a' + i), 43))), HttpStatusCode.Unauthorized, "unauthorized");
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await form.SignInAsync("cred_" + new string((char)('k' + i), 43))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await form.SignInAsync("cred_" + new string('z', 43))).StatusCode);
        await Problems.AssertAsync(await form.Http.SendAsync(Bearer("/v1/summary", host.OperatorKey)), HttpStatusCode.TooManyRequests, "too-many-requests");
    }

    [Fact]
    public async Task A_right_key_typed_into_the_form_never_counts()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        for (var i = 0; i < Small.AuthFailureLimit * 2; i++)
        {
            using var form = new SignInForm(host, "127.0.0.4");
            Assert.Equal(HttpStatusCode.Redirect, (await form.SignInAsync(host.OperatorKey)).StatusCode);
        }

        using var last = new SignInForm(host, "127.0.0.4");
        Assert.Equal(HttpStatusCode.OK, (await last.SignInAsync("cred_" + new string('x', 43))).StatusCode);
    }

    private static HttpRequestMessage Bearer(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A browser without JavaScript at one client address: fetches the sign-in form, then posts it with its anti-forgery token.</summary>
    private sealed class SignInForm : IDisposable
    {
        private readonly CookieContainer cookies = new();

        public SignInForm(ApiHost host, string address)
        {
            Http = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = cookies,
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            })
            { BaseAddress = host.Server.Addresses[0] };
        }

        public HttpClient Http { get; }

        public bool HasSession => cookies.GetAllCookies().Any(c => c.Name == "credence.session");

        public async Task<HttpResponseMessage> SignInAsync(string key)
        {
            var page = await Http.GetStringAsync("/sign-in");
            var token = TokenPattern().Match(page).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries an anti-forgery token");
            return await Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Key"] = key,
            }));
        }

        public void Dispose() => Http.Dispose();
    }
}
