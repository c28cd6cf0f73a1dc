using System.Collections.Immutable;
using System.Text.Json;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.App.Cli;

/// <summary>
/// A registry's verifier key and newest checkpoint, fetched from the base URL a user named
/// (<c>GET {url}/v1/ledger/checkpoint</c>), with its note already verified by the key it came with.
/// </summary>
/// <remarks>
/// Implementation note: the route serves the bare C2SP signed note by default; this asks for its JSON
/// form (<c>Accept: application/json</c>), because only that carries the verifier key and the origin
/// with the note (a note names its key and key id, not the public key).
/// </remarks>
internal sealed class RegistryCheckpoint
{
    // A checkpoint or a consistency proof is a few kilobytes; anything far larger is not one.
    private const int MaxBytes = 1024 * 1024;
    private readonly string baseUrl;

    private RegistryCheckpoint(string baseUrl, string source, NoteVerifierKey key, string origin, Checkpoint checkpoint)
    {
        this.baseUrl = baseUrl;
        Source = source;
        Key = key;
        Origin = origin;
        Checkpoint = checkpoint;
    }

    /// <summary>The URL the key was fetched from.</summary>
    public string Source { get; }

    /// <summary>The registry's verifier key.</summary>
    public NoteVerifierKey Key { get; }

    /// <summary>The registry's stated origin (the first line of its checkpoints).</summary>
    public string Origin { get; }

    /// <summary>The registry's newest checkpoint, verified with <see cref="Key"/>.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>Fetches and checks; on failure <c>Problem</c> says why in one line.</summary>
    public static async Task<(RegistryCheckpoint? Checkpoint, string? Problem)> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return (null, $"'{url}' is not a registry base URL (http or https, no query), e.g. http://127.0.0.1:5080");
        }

        var baseUrl = uri.AbsoluteUri.TrimEnd('/');
        var source = baseUrl + "/v1/ledger/checkpoint";
        var (document, problem) = await GetJsonAsync(source, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        string? keyText, origin, note;
        try
        {
            keyText = document.GetProperty("verifierKey").GetString();
            origin = document.GetProperty("origin").GetString();
            note = document.GetProperty("note").GetString();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"{source} did not answer with a checkpoint document (verifierKey, origin, note)");
        }

        NoteVerifierKey key;
        try
        {
            key = NoteVerifierKey.Parse(keyText ?? string.Empty);
        }
        catch (FormatException ex)
        {
            return (null, $"{source} serves no valid verifier key ({ex.Message})");
        }

        var verified = new CheckpointVerifier(key, origin).Verify(note ?? string.Empty);
        return verified.IsValid
            ? (new RegistryCheckpoint(baseUrl, source, key, origin!, verified.Checkpoint!), null)
            : (null, $"the registry's own checkpoint at {source} does not verify with the key it serves: {verified.Reason}");
    }

    /// <summary>
    /// Null when <paramref name="receipt"/>'s checkpoint is a prefix of the registry's newest (equal roots
    /// at equal sizes, else a consistency proof fetched from the same registry); otherwise why not.
    /// </summary>
    public async Task<string?> ConsistentWithAsync(Checkpoint receipt, CancellationToken cancellationToken)
    {
        if (receipt.Size > Checkpoint.Size)
        {
            return $"the receipt's checkpoint (size {receipt.Size}) is newer than the registry's newest (size {Checkpoint.Size})";
        }

        if (receipt.Size == Checkpoint.Size)
        {
            return receipt.RootHash == Checkpoint.RootHash
                ? null
                : $"the registry's checkpoint of size {Checkpoint.Size} has another root: the receipt is not from the log the registry shows";
        }

        var source = $"{baseUrl}/v1/ledger/proof/consistency?from={receipt.Size}&to={Checkpoint.Size}";
        var (document, problem) = await GetJsonAsync(source, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ImmutableArray<MerkleHash> path;
        try
        {
            path = [.. document.GetProperty("path").EnumerateArray().Select(h => MerkleHash.FromBase64(h.GetString() ?? string.Empty))];
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return $"{source} did not answer with a consistency proof";
        }

        return ProofVerifier.VerifyConsistency(new ConsistencyProof(receipt.Size, Checkpoint.Size, path), receipt.RootHash, Checkpoint.RootHash)
            ? null
            : $"the receipt's checkpoint (size {receipt.Size}) is not consistent with the registry's newest (size {Checkpoint.Size}): the registry shows another log";
    }

    private static async Task<(JsonElement Document, string? Problem)> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await UserUrl.GetAsync(new Uri(url), MaxBytes, "application/json", cancellationToken);
        if (bytes is null)
        {
            return (default, problem);
        }

        try
        {
            using var parsed = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            return parsed.RootElement.ValueKind == JsonValueKind.Object
                ? (parsed.RootElement.Clone(), null)
                : (default, $"{url} did not answer with a JSON object");
        }
        catch (JsonException)
        {
            return (default, $"{url} did not answer with JSON");
        }
    }
}
