namespace Credence.Core.Identifiers;

/// <summary>
/// The 18-character Unified Social Credit Code of GB 32100-2015, which identifies legal persons and
/// other organisations: registration authority (position 1), category (2), region code of the
/// registering office (3–8), GB 11714 organisation code (9–17, its own check character at 17) and a
/// mod-31 check character (18).
/// </summary>
/// <remarks>
/// <para>
/// Checks, in order: 18 characters; every character in the 31-character alphabet (digits and A–Y
/// without I, O, S, V, Z; lower-case letters are accepted and canonicalised to upper case);
/// an assigned authority and category (see <c>UsccCodeTable</c>); six digits of region code; the
/// GB 11714 check at position 17; the mod-31 check at 18, with weights 3^(i−1) mod 31 and
/// C = 31 − (Σ cᵢwᵢ mod 31), 31 written 0.
/// </para>
/// <para>
/// Implementation note: the region code is checked to be six digits only. Registering offices use
/// codes beyond the province table of persons (central bodies register under 100000), and the code
/// names the office, not where the organisation is.
/// </para>
/// <para>
/// Codes listed in the scheme's <see cref="IdentifierAllowList"/> skip the mod-31 check and nothing else.
/// </para>
/// </remarks>
public sealed class UnifiedSocialCreditCode : ISubjectIdentifierScheme
{
    /// <summary>Characters in a code.</summary>
    public const int Length = 18;

    /// <summary>The standard's designation, used as <see cref="Name"/>.</summary>
    public const string StandardName = "GB 32100-2015";

    // 3^(i-1) mod 31 for positions i = 1..17.
    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>A scheme that accepts the listed pre-standard codes besides the valid ones.</summary>
    public UnifiedSocialCreditCode(IdentifierAllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        AllowList = allowList;
    }

    /// <summary>The scheme as the standard defines it, with no exceptions.</summary>
    public static UnifiedSocialCreditCode Standard => IdentifierAllowList.Empty.Scheme;

    /// <summary>The codes accepted despite their mod-31 check character.</summary>
    public IdentifierAllowList AllowList { get; }

    /// <inheritdoc />
    public SubjectKind Kind => SubjectKind.Organisation;

    /// <inheritdoc />
    public string Name => StandardName;

    /// <summary>Claims any 18 characters: every refusal past the length says which part is wrong.</summary>
    public bool Claims(string text) => text is { Length: Length };

    /// <summary>Checks a code; <paramref name="today"/> is not needed, as the code carries no date.</summary>
    public IdentifierCheck Check(string text, DateOnly today) => Evaluate(text, AllowList);

    /// <summary>
    /// Writes a code from its parts and computes both check characters; for tests and the demo city.
    /// </summary>
    /// <param name="authority">An assigned registration-authority code (1–9, A, N, Y).</param>
    /// <param name="category">A category assigned under that authority.</param>
    /// <param name="regionCode">Six digits.</param>
    /// <param name="organisationCodeBody8">
    /// The eight-character body of the GB 11714 organisation code: digits and upper-case letters, but
    /// not I, O, S, V or Z, which GB 11714 allows and a Unified Social Credit Code cannot carry.
    /// </param>
    public static string Create(char authority, char category, string regionCode, string organisationCodeBody8)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        ArgumentNullException.ThrowIfNull(organisationCodeBody8);
        if (!UsccCodeTable.IsAssigned(authority, category))
        {
            throw new ArgumentException(
                $"Registration authority '{authority}' with category '{category}' is not assigned in GB 32100-2015.", nameof(category));
        }

        if (regionCode.Length != 6 || regionCode.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("A region code is six digits.", nameof(regionCode));
        }

        if (organisationCodeBody8.Length != OrganisationCode.BodyLength)
        {
            throw new ArgumentException("An organisation code body has eight characters.", nameof(organisationCodeBody8));
        }

        foreach (char c in organisationCodeBody8)
        {
            if (c is >= 'a' and <= 'z' || UsccAlphabet.ValueOf(c) < 0)
            {
                throw new ArgumentException(
                    $"{IdentifierText.Describe(c)} cannot appear in the body: use digits and the upper-case letters A–Y without I, O, S, V, Z.",
                    nameof(organisationCodeBody8));
            }
        }

        Span<char> chars = stackalloc char[Length];
        chars[0] = authority;
        chars[1] = category;
        regionCode.AsSpan().CopyTo(chars[2..]);
        organisationCodeBody8.AsSpan().CopyTo(chars[8..]);
        chars[16] = OrganisationCode.CheckCharacter(chars.Slice(8, OrganisationCode.BodyLength));
        chars[17] = CheckCharacter(chars[..(Length - 1)]);
        return new string(chars);
    }

    /// <summary>The check, with the allow-list passed in (the facade uses it without making a scheme).</summary>
    internal static IdentifierCheck Evaluate(string text, IdentifierAllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Length)
        {
            return Refuse(text, IdentifierRules.Length, $"A Unified Social Credit Code has {Length} characters; found {text.Length}.");
        }

        for (int i = 0; i < Length; i++)
        {
            if (UsccAlphabet.ValueOf(text[i]) < 0)
            {
                return Refuse(text, IdentifierRules.Alphabet,
                    $"Character {i + 1} is {IdentifierText.Describe(text[i])}; a Unified Social Credit Code uses only digits and A–Y without I, O, S, V, Z.");
            }
        }

        char authority = IdentifierText.ToUpperAscii(text[0]);
        string? categories = UsccCodeTable.CategoriesOf(authority);
        if (categories is null)
        {
            return Refuse(text, IdentifierRules.RegistrationAuthority,
                $"Registration authority code '{authority}' (position 1) is not assigned; expected {UsccCodeTable.AuthoritiesDescription}.");
        }

        char category = IdentifierText.ToUpperAscii(text[1]);
        if (!categories.Contains(category, StringComparison.Ordinal))
        {
            return Refuse(text, IdentifierRules.Category,
                $"Category code '{category}' (position 2) is not assigned under registration authority '{authority}'; expected one of {string.Join(", ", categories.ToCharArray())}.");
        }

        for (int i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return Refuse(text, IdentifierRules.Region,
                    $"Character {i + 1} is {IdentifierText.Describe(text[i])}; the region code (positions 3–8) is six digits.");
            }
        }

        char expectedOrganisationCheck = OrganisationCode.CheckCharacter(text.AsSpan(8, OrganisationCode.BodyLength));
        char foundOrganisationCheck = IdentifierText.ToUpperAscii(text[16]);
        if (foundOrganisationCheck != expectedOrganisationCheck)
        {
            return Refuse(text, IdentifierRules.OrganisationCodeCheck,
                $"The organisation code's check character (position 17, GB 11714) should be '{expectedOrganisationCheck}'; found '{foundOrganisationCheck}'.");
        }

        string canonical = IdentifierText.ToUpperAscii(text);
        char expected = CheckCharacter(canonical.AsSpan(0, Length - 1));
        char found = canonical[Length - 1];
        bool allowListed = false;
        if (found != expected)
        {
            if (!allowList.Contains(canonical))
            {
                return Refuse(text, IdentifierRules.CheckCharacter,
                    $"The check character (position 18) should be '{expected}'; found '{found}'.");
            }

            allowListed = true;
        }

        return IdentifierCheck.Valid(text, StandardName, new SubjectId(SubjectKind.Organisation, canonical, null), allowListed);
    }

    /// <summary>The mod-31 check character of 17 characters of the alphabet.</summary>
    internal static char CheckCharacter(ReadOnlySpan<char> characters17)
    {
        int sum = 0;
        for (int i = 0; i < Weights.Length; i++)
        {
            sum += UsccAlphabet.ValueOf(characters17[i]) * Weights[i];
        }

        return UsccAlphabet.Characters[(31 - (sum % 31)) % 31];
    }

    private static IdentifierCheck Refuse(string text, string rule, string reason) =>
        IdentifierCheck.Invalid(text, StandardName, SubjectKind.Organisation, rule, reason);
}
