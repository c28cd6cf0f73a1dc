namespace Credence.Ledger.Checkpoints;

/// <summary>Standard base64 with padding and nothing else.</summary>
/// <remarks>
/// Implementation note: <see cref="Convert.FromBase64String(string)"/> skips whitespace, which would let
/// two different texts carry the same signature; signed notes must be parsed strictly.
/// </remarks>
internal static class StrictBase64
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Refuse non-canonical encodings (stray bits in the padding) by re-encoding.
        return Convert.ToBase64String(bytes) == text;
    }
}
