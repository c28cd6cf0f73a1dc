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

    public static async Task<(PolicySource? Source, IReadOnlyList<string> Problems)> LoadAsync(string where, CancellationToken cancellationToken)
    {
        byte[] bytes;
        string origin;
        if (where.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || where.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(where, UriKind.Absolute, out var uri))
            {
                return (null, [$"{where}: not a URL"]);
            }

            var (fetched, problem) = await UserUrl.GetAsync(uri, MaxBytes, cancellationToken).ConfigureAwait(false);
            if (fetched is null)
            {
                return (null, [problem!]);
            }

            (bytes, origin) = (fetched, $"fetched from {uri}");
        }
        else if (File.Exists(where))
        {
            (bytes, origin) = (await File.ReadAllBytesAsync(where, cancellationToken).ConfigureAwait(false), where);
        }
        else
        {
            return (null, [$"{where}: file not found"]);
        }

        var (decoded, unreadable) = PolicyText.Decode(bytes, where);
        if (decoded is null)
        {
            return (null, [unreadable!.ToString()]);
        }

        var loaded = PolicyLoader.Load(decoded, where);
        if (loaded.Policy is null || !loaded.IsValid)
        {
            return (null, [.. loaded.Problems.Select(p => p.ToString())]);
        }

        return (new PolicySource(loaded.Policy, PolicyDigest.Of(PolicyText.WithoutMark(decoded)), origin), []);
    }
}
