using System.Collections.ObjectModel;

namespace Credence.Core.Identifiers;

/// <summary>
/// Sends identifier text to the scheme it belongs to, among an ordered list of schemes. This is how
/// further schemes are added: list them with the standard ones.
/// </summary>
/// <remarks>
/// <para>
/// Routing: the first scheme that <see cref="ISubjectIdentifierScheme.Claims"/> the text judges it. If
/// it refuses, later schemes that also claim the text may accept it (an all-digit organisation code
/// looks like an identity number whose date is impossible). When no scheme claims the text, the rule
/// is <see cref="IdentifierRules.UnknownScheme"/>.
/// </para>
/// <para>
/// Implementation note: a refusal on the check character is final. Text that has every other feature
/// of the first scheme was almost certainly meant as one and mistyped; letting a second scheme accept it
/// (about one chance in 341 for the two national schemes) would file records under a subject that does
/// not exist. The refusal then says that the text is valid in the other scheme, so a caller that knows
/// the kind can check it with that scheme directly.
/// </para>
/// </remarks>
public sealed class IdentifierRouter
{
    private readonly ISubjectIdentifierScheme[] schemes;

    /// <summary>A router over the given schemes, tried in the given order.</summary>
    public IdentifierRouter(IEnumerable<ISubjectIdentifierScheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        this.schemes = [.. schemes];
        if (this.schemes.Length == 0)
        {
            throw new ArgumentException("A router needs at least one scheme.", nameof(schemes));
        }

        foreach (var scheme in this.schemes)
        {
            ArgumentNullException.ThrowIfNull(scheme, nameof(schemes));
        }

        Schemes = new ReadOnlyCollection<ISubjectIdentifierScheme>(this.schemes);
    }

    /// <summary>The schemes, in routing order.</summary>
    public IReadOnlyList<ISubjectIdentifierScheme> Schemes { get; }

    /// <summary>The two national schemes: resident identity numbers, then Unified Social Credit Codes.</summary>
    public static IdentifierRouter Standard(IdentifierAllowList? allowList = null) =>
        new([ResidentIdentityNumber.Instance, (allowList ?? IdentifierAllowList.Empty).Scheme]);

    /// <summary>Checks the text with the scheme it belongs to.</summary>
    public IdentifierCheck Check(string text, DateOnly today) => Route(text, today, schemes);

    internal static IdentifierCheck Route(string text, DateOnly today, ReadOnlySpan<ISubjectIdentifierScheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(text);
        IdentifierCheck? first = null;
        foreach (var scheme in schemes)
        {
            if (!scheme.Claims(text))
            {
                continue;
            }

            var check = scheme.Check(text, today);
            if (first is null)
            {
                if (check.IsValid)
                {
                    return check;
                }

                first = check;
            }
            else if (check.IsValid)
            {
                return first.Rule == IdentifierRules.CheckCharacter
                    ? first.WithReasonNote(
                        $"It is a valid {scheme.Name} identifier; if it names {Describe(scheme.Kind)}, check it as one.")
                    : check;
            }
        }

        return first ?? UnknownScheme(text, schemes);
    }

    private static IdentifierCheck UnknownScheme(string text, ReadOnlySpan<ISubjectIdentifierScheme> schemes)
    {
        var names = new string[schemes.Length];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = schemes[i].Name;
        }

        return IdentifierCheck.Invalid(text, null, null, IdentifierRules.UnknownScheme,
            $"No identifier scheme recognises this text ({text.Length} characters); known schemes: {string.Join(", ", names)}.");
    }

    private static string Describe(SubjectKind kind) => kind switch
    {
        SubjectKind.Person => "a person",
        SubjectKind.Organisation => "an organisation",
        _ => $"a subject of kind {kind}",
    };
}
