using System.Globalization;
using System.Text;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Checkpoints;

/// <summary>
/// A tree head in the C2SP tlog-checkpoint form: the log's origin, the tree size and the root hash.
/// Its <see cref="Body"/> is the text a <see cref="SignedNote"/> signs.
/// </summary>
/// <param name="Origin">The log's unique name, e.g. "credence.example/ledger".</param>
/// <param name="Size">Number of entries in the tree.</param>
/// <param name="RootHash">Root hash of the tree of that size.</param>
/// <remarks>
/// Implementation note: the body is exactly "&lt;origin&gt;\n&lt;decimal size&gt;\n&lt;base64 root&gt;\n". Parsing
/// is strict (no leading zeros or signs in the size, canonical base64 of 32 bytes, no empty lines)
/// because two texts for the same checkpoint would be two different signed statements. Non-empty
/// extension lines after the third line are allowed by the format and are ignored here; this library
/// never writes any.
/// </remarks>
public sealed record Checkpoint(string Origin, long Size, MerkleHash RootHash)
{
    /// <summary>The origin, checked: non-empty, one line, no control characters.</summary>
    public string Origin { get; } = CheckOrigin(Origin);

    /// <summary>The tree size, checked: not negative.</summary>
    public long Size { get; } = Size >= 0 ? Size : throw new ArgumentOutOfRangeException(nameof(Size), "A tree size cannot be negative.");

    /// <summary>The root hash, checked: a value.</summary>
    public MerkleHash RootHash { get; } = RootHash.IsDefault ? throw new ArgumentException("A root hash is required.", nameof(RootHash)) : RootHash;

    /// <summary>The C2SP checkpoint body: origin, size and base64 root, each ending in a newline.</summary>
    public string Body => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{RootHash.ToBase64()}\n");

    /// <summary>Parses a checkpoint body.</summary>
    /// <exception cref="FormatException">The text is not a checkpoint body; the message says why.</exception>
    public static Checkpoint ParseBody(string body) =>
        TryParseBody(body, out var checkpoint, out var reason) ? checkpoint! : throw new FormatException(reason);

    /// <summary>Parses a checkpoint body; on failure <paramref name="reason"/> says why in one line.</summary>
    public static bool TryParseBody(string? body, out Checkpoint? checkpoint, out string? reason)
    {
        checkpoint = null;
        if (string.IsNullOrEmpty(body) || body[^1] != '\n')
        {
            reason = "checkpoint body must end with a newline";
            return false;
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            reason = "checkpoint body needs origin, size and root hash lines";
            return false;
        }

        if (OriginProblem(lines[0]) is { } originProblem)
        {
            reason = originProblem;
            return false;
        }

        if (!TryParseSize(lines[1], out var size))
        {
            reason = "checkpoint size must be a decimal number without sign or leading zeros";
            return false;
        }

        if (!MerkleHash.TryFromBase64(lines[2], out var root) || !StrictBase64.TryDecode(lines[2], out _))
        {
            reason = "checkpoint root hash must be the base64 of 32 bytes";
            return false;
        }

        if (lines.Skip(3).Any(line => line.Length == 0))
        {
            reason = "checkpoint extension lines cannot be empty";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root);
        reason = null;
        return true;
    }

    private static bool TryParseSize(string text, out long size)
    {
        size = 0;
        if (text.Length == 0 || text.Length > 19 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    private static string CheckOrigin(string origin) =>
        OriginProblem(origin) is { } problem ? throw new ArgumentException(problem, nameof(origin)) : origin;

    private static string? OriginProblem(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return "checkpoint origin cannot be empty";
        }

        foreach (var rune in origin.EnumerateRunes())
        {
            if (rune.Value < 0x20 || rune == Rune.ReplacementChar)
            {
                return "checkpoint origin must be one line of text without control characters";
            }
        }

        return null;
    }
}
