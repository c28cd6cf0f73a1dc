using System.Diagnostics.CodeAnalysis;

namespace Credence.Core.Identifiers;

/// <summary>
/// The verdict on one piece of identifier text: either the checked <see cref="SubjectId"/>, or the
/// rule it broke and a one-line reason a person understands.
/// </summary>
/// <remarks>
/// Implementation note: instances are made only by the identifier schemes in this assembly, because
/// a valid check carries a <see cref="SubjectId"/> and those exist only for identifiers that passed.
/// <see cref="Reason"/> never repeats the whole input (an identity number is personal data and reasons
/// end up in logs); it quotes only the part that broke the rule.
/// </remarks>
public sealed record IdentifierCheck
{
    private IdentifierCheck(
        string input,
        string? scheme,
        SubjectKind? kind,
        SubjectId? id,
        string? rule,
        string? reason,
        bool acceptedByAllowList)
    {
        Input = input;
        Scheme = scheme;
        Kind = kind;
        Id = id;
        Rule = rule;
        Reason = reason;
        AcceptedByAllowList = acceptedByAllowList;
    }

    /// <summary>The text as it was given, unchanged.</summary>
    public string Input { get; }

    /// <summary>Whether the text is a valid identifier; then <see cref="Id"/> is set, otherwise <see cref="Rule"/> and <see cref="Reason"/>.</summary>
    [MemberNotNullWhen(false, nameof(Rule), nameof(Reason))]
    [MemberNotNullWhen(true, nameof(Scheme))]
    public bool IsValid => Id.HasValue;

    /// <summary>The scheme that judged the text (for example "GB 11643-1999"), or null when none did.</summary>
    public string? Scheme { get; }

    /// <summary>The kind of subject the judging scheme identifies, or null when no scheme judged the text.</summary>
    public SubjectKind? Kind { get; }

    /// <summary>The checked identifier in canonical form, when valid.</summary>
    public SubjectId? Id { get; }

    /// <summary>The stable code of the broken rule (see <see cref="IdentifierRules"/>), when invalid.</summary>
    public string? Rule { get; }

    /// <summary>One line saying what is wrong, when invalid.</summary>
    public string? Reason { get; }

    /// <summary>
    /// True when the identifier was accepted only because an <see cref="IdentifierAllowList"/> names it
    /// (a pre-standard code whose check character does not verify). Callers record this.
    /// </summary>
    public bool AcceptedByAllowList { get; }

    /// <summary>The checked identifier, or an <see cref="InvalidIdentifierException"/> naming the broken rule.</summary>
    public SubjectId GetIdOrThrow() =>
        Id ?? throw new InvalidIdentifierException(Input, Rule!, Reason!);

    internal static IdentifierCheck Valid(string input, string scheme, SubjectId id, bool acceptedByAllowList = false) =>
        new(input, scheme, id.Kind, id, null, null, acceptedByAllowList);

    internal static IdentifierCheck Invalid(string input, string? scheme, SubjectKind? kind, string rule, string reason) =>
        new(input, scheme, kind, null, rule, reason, false);

    /// <summary>The same refusal with a further sentence appended to its reason.</summary>
    internal IdentifierCheck WithReasonNote(string note) =>
        new(Input, Scheme, Kind, Id, Rule, $"{Reason} {note}", AcceptedByAllowList);

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? $"{Scheme}: valid {Kind}" : $"{Scheme ?? "identifier"}: {Rule}: {Reason}";
}
