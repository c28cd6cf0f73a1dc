namespace Credence.Core.Identifiers;

/// <summary>
/// A checked subject identifier. Instances exist only for identifiers that passed their scheme's
/// check (see <c>SubjectIdentifiers</c>), so code that holds one need not check again.
/// </summary>
/// <remarks>
/// Implementation note: the value is kept in its canonical form (upper-case check character), so
/// two spellings of the same person (trailing x or X) are one subject.
/// </remarks>
public readonly record struct SubjectId
{
    internal SubjectId(SubjectKind kind, string value, DateOnly? birthDate)
    {
        Kind = kind;
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>Person or organisation.</summary>
    public SubjectKind Kind { get; }

    /// <summary>The canonical identifier text.</summary>
    public string Value { get; }

    /// <summary>For persons, the birth date encoded in the identifier; null for organisations.</summary>
    public DateOnly? BirthDate { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
