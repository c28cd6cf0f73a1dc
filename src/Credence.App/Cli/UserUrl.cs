using System.Net;

namespace Credence.App.Cli;

/// <summary>
/// Fetches exactly the URL a user named on the command line (a registry's checkpoint, a published
/// policy): no redirect is followed and nothing else is asked for, within a time and a size bound.
/// </summary>
/// <remarks>
/// Implementation note: one fetcher for every URL the CLI takes, so that "only the URL you gave"
/// holds the same way wherever a URL is accepted; a failure is a one-line reason naming the URL.
/// </remarks>
internal static class UserUrl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="url">The URL the user named (or one derived from it, on the same registry).</param>
    /// <param name="maxBytes">The most the answer may hold.</param>
    /// <param name="accept">The media type asked for in <c>Accept</c>, if any (a registry's checkpoint comes as a signed note unless JSON is asked for).</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public static async Task<(byte[]? Bytes, string? Problem)> GetAsync(Uri url, int maxBytes, string? accept, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var to = response.Headers.Location is { } location ? $" (to {location}; only the URL given is fetched)" : string.Empty;
                return (null, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}{to}");
            }

            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, $"{url} answered with more than {maxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, $"cannot fetch {url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"cannot fetch {url}: no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}
