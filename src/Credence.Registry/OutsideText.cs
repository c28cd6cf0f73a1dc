using System.Globalization;
using Credence.Core.Intake;

namespace Credence.Registry;

/// <summary>
/// What text from outside the registry may hold before it is stored, ledgered or logged: the same
/// characters intake refuses in a record (<see cref="FieldText"/>), with the same stable problem
/// types naming the field, and a bound on length (<c>bad-value</c>). Free text (reasons, evidence,
/// grounds) keeps tabs and line breaks and the joiners some scripts need; identifiers and short
/// one-line text (names, purposes, ids named in routes) are strict: no control, invisible or
/// reordering character at all.
/// </summary>
/// <remarks>
/// Implementation note: a length is counted in Unicode scalar values, so a Chinese character or an
/// emoji is one character however many UTF-16 units or UTF-8 bytes it takes. The bounds are wide for
/// what a person writes (a reason is a page), and narrow enough that no one field can fill the
/// ledger, a notice or a reviewer's screen.
/// </remarks>
public static class OutsideText
{
    /// <summary>The longest reason, ground or piece of evidence, in characters.</summary>
    public const int FreeTextLength = 4_000;

    /// <summary>The longest short one-line text (a purpose, a label), in characters.</summary>
    public const int ShortTextLength = 200;

    /// <summary>The longest identifier (a record's source id, a case id, a tag), in characters.</summary>
    public const int IdentifierLength = 200;

    /// <summary>The problem with free text <paramref name="value"/> of <paramref name="field"/>, or null.</summary>
    public static RegistryProblem? Free(string field, string? value) => Check(field, value, freeText: true, FreeTextLength);

    /// <summary>The problem with a short one-line text (a purpose, a label) of <paramref name="field"/>, or null.</summary>
    public static RegistryProblem? Short(string field, string? value) => Check(field, value, freeText: false, ShortTextLength);

    /// <summary>The problem with an identifier of <paramref name="field"/>, or null.</summary>
    public static RegistryProblem? Identifier(string field, string? value) => Check(field, value, freeText: false, IdentifierLength);

    /// <summary>The first problem of the <paramref name="checks"/>, or null when there is none.</summary>
    public static RegistryProblem? First(params RegistryProblem?[] checks) => checks.FirstOrDefault(p => p is not null);

    private static RegistryProblem? Check(string field, string? value, bool freeText, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            var length = 0;
            foreach (var unused in value.EnumerateRunes())
            {
                length++;
            }

            if (length > maxLength)
            {
                return new RegistryProblem(ProblemTypes.BadValue, string.Create(CultureInfo.InvariantCulture, $"{field} is {length:N0} characters long; at most {maxLength:N0} are accepted"), field);
            }
        }

        return FieldText.Check(field, value, freeText) is { } problem ? new RegistryProblem(problem.Type, problem.Message, field) : null;
    }
}
