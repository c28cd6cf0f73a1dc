using System.Net;
using System.Text;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;

namespace Credence.App.Cli;

/// <summary>
/// The policy text the offline scorer uses: a file, or the URL the user names (only that URL: no
/// redirect is followed and nothing else is fetched), with the digest of its bytes.
/// </summary>
/// <remarks>
/// Implementation note: the digest is taken over the text's UTF-8 bytes without a byte-order mark,
/// as the registry takes it at upload (which strips one), so a text saved with a mark still matches.
/// </remarks>
internal sealed record PolicySource(Policy Policy, string Digest, string Origin)
{
    /// <summary>The most a fetched policy may weigh; the registry's own upload limit is smaller.</summary>
    private const int MaxBytes = 4 * 1024 * 1024;

    public static PolicySource? Load(string where, out IReadOnlyList<string> problems)
    {
        byte[] bytes;
        string origin;
        if (where.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || where.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(where, UriKind.Absolute, out var uri))
            {
                problems = [$"{where}: not a URL"];
                return null;
            }

            var fetched = Fetch(uri, out var problem);
            if (fetched is null)
            {
                problems = [$"{where}: {problem}"];
                return null;
            }

            (bytes, origin) = (fetched, $"fetched from {uri}");
        }
        else if (File.Exists(where))
        {
            (bytes, origin) = (File.ReadAllBytes(where), where);
        }
        else
        {
            problems = [$"{where}: file not found"];
            return null;
        }

        var body = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes.AsSpan();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            problems = [$"{where}: the policy is not UTF-8 text"];
            return null;
        }

        var loaded = PolicyLoader.Load(text, where);
        if (loaded.Policy is null || !loaded.IsValid)
        {
            problems = [.. loaded.Problems.Select(p => p.ToString())];
            return null;
        }

        problems = [];
        return new PolicySource(loaded.Policy, PolicyDigest.Of(body), origin);
    }

    private static byte[]? Fetch(Uri uri, out string? problem)
    {
        problem = null;
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxBytes };
        try
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, uri));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problem = $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}{(response.Headers.Location is { } to ? $" (to {to}; only the URL given is fetched)" : string.Empty)}";
                return null;
            }

            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    problem = $"the policy is larger than {MaxBytes} bytes";
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            problem = $"could not fetch the policy: {e.Message}";
            return null;
        }
    }
}
