namespace Credence.Core.Identifiers;

/// <summary>
/// The front door for subject identifiers: checks text as a GB 11643-1999 resident identity number
/// (persons) or a GB 32100-2015 Unified Social Credit Code (organisations).
/// </summary>
/// <remarks>
/// <para>
/// Routing: text that is not 18 characters is refused on <see cref="IdentifierRules.Length"/>. Text with
/// no letter but a final X/x is checked as a person's number first, the rest as an organisation's
/// code; see <see cref="IdentifierRouter"/> for how an all-digit organisation code still gets through
/// and why a check-character failure is final. Callers that know the kind of subject (a source's
/// record says whether it is about a person or an organisation) should pass it, which removes the
/// guesswork: roughly one valid identity number in several hundred is also a valid organisation code
/// (and is then taken as a person's).
/// </para>
/// <para>
/// Implementation note: called on every intake, so the valid path allocates only the verdict (and the
/// canonical string when the input had lower-case letters): no regular expressions, no LINQ.
/// </para>
/// </remarks>
public static class SubjectIdentifiers
{
    /// <summary>Characters in either national identifier.</summary>
    public const int Length = 18;

    /// <summary>Checks text of either kind.</summary>
    /// <param name="text">The identifier as written.</param>
    /// <param name="today">The day of the check (birth dates may not be after it).</param>
    /// <param name="allowList">Pre-standard organisation codes to accept; none when null.</param>
    public static IdentifierCheck Check(string text, DateOnly today, IdentifierAllowList? allowList = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Length)
        {
            string padding = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
                ? ", counting white space at the start or end"
                : string.Empty;
            return IdentifierCheck.Invalid(text, null, null, IdentifierRules.Length,
                $"A subject identifier has {Length} characters (a resident identity number or a Unified Social Credit Code); found {text.Length}{padding}.");
        }

        return IdentifierRouter.Route(text, today, [ResidentIdentityNumber.Instance, (allowList ?? IdentifierAllowList.Empty).Scheme]);
    }

    /// <summary>Checks text that must identify a subject of the given kind.</summary>
    public static IdentifierCheck Check(string text, DateOnly today, SubjectKind kind, IdentifierAllowList? allowList = null) =>
        kind switch
        {
            SubjectKind.Person => ResidentIdentityNumber.Instance.Check(text, today),
            SubjectKind.Organisation => UnifiedSocialCreditCode.Evaluate(text, allowList ?? IdentifierAllowList.Empty),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
        };

    /// <summary>The checked identifier, or false (a null text is simply not an identifier).</summary>
    public static bool TryParse(string? text, DateOnly today, out SubjectId id, IdentifierAllowList? allowList = null)
    {
        if (text is not null && Check(text, today, allowList).Id is { } checkedId)
        {
            id = checkedId;
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>The checked identifier, or an <see cref="InvalidIdentifierException"/> naming the broken rule.</summary>
    public static SubjectId Parse(string text, DateOnly today, IdentifierAllowList? allowList = null) =>
        Check(text, today, allowList).GetIdOrThrow();

    /// <summary>The checked identifier of a subject of the given kind, or an <see cref="InvalidIdentifierException"/>.</summary>
    public static SubjectId Parse(string text, DateOnly today, SubjectKind kind, IdentifierAllowList? allowList = null) =>
        Check(text, today, kind, allowList).GetIdOrThrow();
}
