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

            // The CLI has no synchronisation context: waiting here is the command waiting for its input.
            var (fetched, problem) = UserUrl.GetAsync(uri, MaxBytes, null, CancellationToken.None).GetAwaiter().GetResult();
            if (fetched is null)
            {
                problems = [problem!];
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

        var (decoded, unreadable) = PolicyText.Decode(bytes, where);
        if (decoded is null)
        {
            problems = [unreadable!.ToString()];
            return null;
        }

        var loaded = PolicyLoader.Load(decoded, where);
        if (loaded.Policy is null || !loaded.IsValid)
        {
            problems = [.. loaded.Problems.Select(p => p.ToString())];
            return null;
        }

        problems = [];
        return new PolicySource(loaded.Policy, PolicyDigest.Of(PolicyText.WithoutMark(decoded)), origin);
    }
}
