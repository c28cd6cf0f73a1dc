namespace Credence.Registry.Disclosure;

/// <summary>Who touched a subject's file, as the subject filters its reads: by the reader's role, or the registry itself.</summary>
public enum ReaderKind
{
    /// <summary>The subject itself (its own key or session).</summary>
    Subject = 1,

    /// <summary>A relying party asking for a decision, or using one of the subject's share codes.</summary>
    RelyingParty = 2,

    /// <summary>A source writing a record or answering a dispute.</summary>
    Source = 3,

    /// <summary>A reviewer reading the file with a stated purpose or deciding a case.</summary>
    Reviewer = 4,

    /// <summary>An auditor reading the file with a stated purpose.</summary>
    Auditor = 5,

    /// <summary>An operator.</summary>
    Operator = 6,

    /// <summary>The registry itself (a deadline passing), the public, or a key it did not know.</summary>
    Registry = 7,
}
