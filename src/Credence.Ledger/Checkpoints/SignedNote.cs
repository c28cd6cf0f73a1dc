using System.Collections.Immutable;
using System.Text;

namespace Credence.Ledger.Checkpoints;

/// <summary>
/// A note in the C2SP signed-note format: the text (ending in a newline), a blank line, then one or
/// more signature lines "— &lt;key name&gt; &lt;base64(4-byte key id ‖ signature)&gt;".
/// </summary>
/// <param name="Text">The signed text, including its final newline.</param>
/// <param name="Signatures">The signature lines, in order.</param>
/// <remarks>
/// Implementation note: parsing follows the reference implementation's rules: the whole note is text
/// without control characters other than newline; the signature block starts after the last blank
/// line; each line starts with U+2014 and a space; names have no whitespace or '+'; the payload is
/// strict base64 of at least five bytes; at most 100 signature lines. Notes over 1 MiB are refused.
/// Parsing checks form only; <see cref="CheckpointVerifier"/> checks signatures.
/// </remarks>
public sealed record SignedNote(string Text, ImmutableArray<NoteSignature> Signatures)
{
    /// <summary>The em dash and space that start a signature line.</summary>
    public const string SignaturePrefix = "\u2014 ";

    private const int MaxSignatures = 100;
    private const int MaxNoteLength = 1 << 20;

    /// <summary>The note as text: body, blank line, signature lines.</summary>
    public string Format()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.Line);
        }

        return builder.ToString();
    }

    /// <summary>Parses a signed note.</summary>
    /// <exception cref="FormatException">Malformed; the message says why.</exception>
    public static SignedNote Parse(string note) =>
        TryParse(note, out var parsed, out var reason) ? parsed! : throw new FormatException(reason);

    /// <summary>Parses a signed note; on failure <paramref name="reason"/> says why in one line.</summary>
    public static bool TryParse(string? note, out SignedNote? parsed, out string? reason)
    {
        parsed = null;
        reason = FormProblem(note);
        if (reason is not null)
        {
            return false;
        }

        var split = note!.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            reason = "note has no blank line before its signatures";
            return false;
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            reason = "note must end with signature lines, each ending in a newline";
            return false;
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            reason = $"note has more than {MaxSignatures} signatures";
            return false;
        }

        var signatures = ImmutableArray.CreateBuilder<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!TryParseSignature(line, out var signature, out reason))
            {
                return false;
            }

            signatures.Add(signature!);
        }

        parsed = new SignedNote(text, signatures.MoveToImmutable());
        return true;
    }

    /// <inheritdoc />
    public bool Equals(SignedNote? other) => other is not null && Text == other.Text && Signatures.SequenceEqual(other.Signatures);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Signatures.Length);

    private static string? FormProblem(string? note)
    {
        if (string.IsNullOrEmpty(note))
        {
            return "note is empty";
        }

        if (note.Length > MaxNoteLength)
        {
            return "note is longer than 1 MiB";
        }

        foreach (var rune in note.EnumerateRunes())
        {
            if ((rune.Value < 0x20 && rune.Value != '\n') || rune == Rune.ReplacementChar)
            {
                return "note contains a control character or invalid text";
            }
        }

        return null;
    }

    private static bool TryParseSignature(string line, out NoteSignature? signature, out string? reason)
    {
        signature = null;
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            reason = "signature line must start with an em dash and a space";
            return false;
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? rest : rest[..space];
        var payload = space < 0 ? string.Empty : rest[(space + 1)..];
        if (!NoteKeys.IsValidName(name))
        {
            reason = "signature line has an invalid key name";
            return false;
        }

        if (!StrictBase64.TryDecode(payload, out var bytes) || bytes.Length < 5)
        {
            reason = "signature line payload must be base64 of a key id and a signature";
            return false;
        }

        signature = new NoteSignature(name, payload);
        reason = null;
        return true;
    }
}
