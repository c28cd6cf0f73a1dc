using System.Buffers;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Finds text shaped like a subject identifier (promise 3: nothing in a policy can name a subject):
/// an 18-character token of the resident-ID shape (17 digits and a digit or X) or of the Unified
/// Social Credit Code shape (0-9 and A-Y without I, O, S, V, Z, with at least two digits).
/// </summary>
/// <remarks>
/// Implementation note: this checks the shape only, not the check character, on purpose: a policy
/// must not carry anything that looks like an identifier, valid or not. It is independent of the
/// identifier parsers so that the validator does not depend on them.
/// </remarks>
internal static class IdentifierShape
{
    private const int Length = 18;

    private static readonly SearchValues<char> CodeChars = SearchValues.Create("0123456789ABCDEFGHJKLMNPQRTUWXY");

    public const string ResidentId = "a resident identity number";
    public const string CreditCode = "a Unified Social Credit Code";

    /// <summary>
    /// What the first identifier-shaped token in <paramref name="text"/> looks like
    /// (<see cref="ResidentId"/> or <see cref="CreditCode"/>), or null. The token itself is not
    /// returned, so that messages never repeat an identifier.
    /// </summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < Length)
        {
            return null;
        }

        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
            {
                continue;
            }

            if (i - start == Length && Looks(text.AsSpan(start, Length)) is { } shape)
            {
                return shape;
            }

            start = i + 1;
        }

        return null;
    }

    private static string? Looks(ReadOnlySpan<char> token)
    {
        Span<char> upper = stackalloc char[Length];
        token.ToUpperInvariant(upper);
        return IsResidentId(upper) ? ResidentId : IsCreditCode(upper) ? CreditCode : null;
    }

    private static bool IsResidentId(ReadOnlySpan<char> t) =>
        !t[..^1].ContainsAnyExceptInRange('0', '9') && (char.IsAsciiDigit(t[^1]) || t[^1] == 'X');

    private static bool IsCreditCode(ReadOnlySpan<char> t)
    {
        if (t.ContainsAnyExcept(CodeChars))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in t)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits >= 2;
    }
}
