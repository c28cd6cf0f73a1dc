namespace Credence.Core.Identifiers;

/// <summary>
/// One way of writing a subject identifier (a national standard), with its check. New schemes are
/// added as further implementations and routed to with <see cref="IdentifierRouter"/>.
/// </summary>
/// <remarks>
/// Implementation note: implementations live in Credence.Core, next to <see cref="SubjectId"/>, because
/// a valid verdict carries a <see cref="SubjectId"/> and only checked identifiers may become one; a new
/// scheme is a reviewed change to the core, not a plug-in.
/// </remarks>
public interface ISubjectIdentifierScheme
{
    /// <summary>The kind of subject this scheme identifies.</summary>
    SubjectKind Kind { get; }

    /// <summary>The scheme's stable name, the designation of its standard (for example "GB 11643-1999").</summary>
    string Name { get; }

    /// <summary>
    /// Whether the text has this scheme's shape, so that this scheme's verdict is the one to report
    /// for it. Cheap, allocation-free, and not a validity check.
    /// </summary>
    bool Claims(string text);

    /// <summary>Checks the text against every rule of the scheme; the first broken rule is reported.</summary>
    /// <param name="text">The identifier as written.</param>
    /// <param name="today">The day of the check, for rules that depend on it (no clock is read).</param>
    IdentifierCheck Check(string text, DateOnly today);
}
