namespace Credence.Core.Identifiers;

/// <summary>
/// The stable codes that name the rule an identifier broke (<see cref="IdentifierCheck.Rule"/>).
/// </summary>
/// <remarks>
/// Implementation note: the codes are part of the public contract (API problem details and the CLI
/// print them, clients switch on them), so they are kebab-case constants that never change; the
/// human wording lives in <see cref="IdentifierCheck.Reason"/> and may be improved freely.
/// </remarks>
public static class IdentifierRules
{
    /// <summary>The text does not have the scheme's number of characters.</summary>
    public const string Length = "length";

    /// <summary>A character is outside the alphabet allowed at its position.</summary>
    public const string Alphabet = "alphabet";

    /// <summary>The region (administrative division) code is not acceptable.</summary>
    public const string Region = "region";

    /// <summary>The encoded birth date is not a calendar date, or is earlier than the scheme allows.</summary>
    public const string BirthDate = "birth-date";

    /// <summary>The encoded birth date is after the day of the check.</summary>
    public const string BirthDateFuture = "birth-date-future";

    /// <summary>The final check character does not match the one computed from the other characters.</summary>
    public const string CheckCharacter = "check-character";

    /// <summary>Position 1 of a Unified Social Credit Code is not an assigned registration-authority code.</summary>
    public const string RegistrationAuthority = "registration-authority";

    /// <summary>Position 2 of a Unified Social Credit Code is not a category assigned under its authority.</summary>
    public const string Category = "category";

    /// <summary>The embedded GB 11714 organisation code (positions 9–17) fails its own check.</summary>
    public const string OrganisationCodeCheck = "organisation-code-check";

    /// <summary>No configured identifier scheme recognises the text.</summary>
    public const string UnknownScheme = "unknown-scheme";
}
