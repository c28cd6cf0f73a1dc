namespace Credence.Core.Identifiers;

/// <summary>
/// An explicit, operator-kept list of Unified Social Credit Codes that are accepted although their
/// mod-31 check character (position 18) does not verify. Empty unless the operator fills it.
/// </summary>
/// <remarks>
/// <para>
/// Why it exists: some codes were issued in regional pilots before GB 32100-2015 took effect (for
/// example 91350100M0001TGQXM, whose position 18 is M where the standard's formula gives 1). They are
/// printed on real licences and are still those organisations' identifiers, so a registry may have to
/// accept them.
/// </para>
/// <para>
/// Why it is explicit and empty by default: a check character exists to catch typing errors. Relaxing
/// the check for a pattern, a region or a date range would let mistyped codes through and attach
/// records to subjects that do not exist. So each exception is one exact code, with a written
/// justification (who verified it against which register, and when), and a check that relies on it
/// says so (<see cref="IdentifierCheck.AcceptedByAllowList"/>).
/// </para>
/// <para>
/// What it bypasses: only the mod-31 check. Length, alphabet, registration authority, category,
/// region and the GB 11714 organisation-code check at position 17 still apply, and an entry must pass
/// them when it is added (91350100M0001TGQXM does: its organisation code M0001TGQ-X verifies).
/// </para>
/// </remarks>
public sealed class IdentifierAllowList
{
    private readonly Dictionary<string, string> entries;
    private UnifiedSocialCreditCode? scheme;

    private IdentifierAllowList(Dictionary<string, string> entries) => this.entries = entries;

    /// <summary>The default: no exceptions.</summary>
    public static IdentifierAllowList Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Number of listed codes.</summary>
    public int Count => entries.Count;

    /// <summary>The listed codes (canonical, upper case) and the justification recorded for each.</summary>
    public IReadOnlyDictionary<string, string> Entries => entries;

    /// <summary>The scheme that checks codes with this list; made once per list.</summary>
    internal UnifiedSocialCreditCode Scheme => scheme ??= new UnifiedSocialCreditCode(this);

    /// <summary>
    /// A new list with one more code. The code must fail the standard check only on its mod-31 check
    /// character; anything else (a code that is already valid, or that breaks another rule) is refused
    /// with an <see cref="ArgumentException"/>, because listing it would do nothing or hide a real error.
    /// </summary>
    /// <param name="code">The exact code (letters in either case).</param>
    /// <param name="justification">Why it is accepted: who verified it against which register, and when.</param>
    public IdentifierAllowList With(string code, string justification)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(justification);

        var check = UnifiedSocialCreditCode.Evaluate(code, Empty);
        if (check.IsValid)
        {
            throw new ArgumentException(
                "The code is valid under GB 32100-2015 and needs no allow-listing.", nameof(code));
        }

        if (check.Rule != IdentifierRules.CheckCharacter)
        {
            throw new ArgumentException(
                $"Only the mod-31 check character can be allow-listed; the code breaks '{check.Rule}': {check.Reason}",
                nameof(code));
        }

        var copy = new Dictionary<string, string>(entries, StringComparer.Ordinal)
        {
            [IdentifierText.ToUpperAscii(code)] = justification,
        };
        return new IdentifierAllowList(copy);
    }

    /// <summary>Whether the code (canonical, upper case) is listed.</summary>
    public bool Contains(string canonicalCode) => entries.ContainsKey(canonicalCode);
}
