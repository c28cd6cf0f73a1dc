namespace Credence.Core.Identifiers;

/// <summary>The two kinds of subject a registry keeps files on.</summary>
public enum SubjectKind
{
    /// <summary>A natural person, identified by the GB 11643-1999 resident identity number.</summary>
    Person = 1,

    /// <summary>An organisation, identified by the GB 32100-2015 Unified Social Credit Code.</summary>
    Organisation = 2,
}
