namespace Credence.Registry.Access;

/// <summary>What a principal may do; each API key belongs to a principal with exactly one role.</summary>
public enum Role
{
    /// <summary>Runs the registry: keys, policies, summaries.</summary>
    Operator = 1,

    /// <summary>Submits, corrects and withdraws records of the types it is registered for.</summary>
    Source = 2,

    /// <summary>Asks for decisions on the capabilities it is registered for, for its stated purpose.</summary>
    RelyingParty = 3,

    /// <summary>A person or organisation reading its own file.</summary>
    Subject = 4,

    /// <summary>Resolves disputes and repairs; reads files for a stated purpose.</summary>
    Reviewer = 5,

    /// <summary>Reads files and the access log for a stated purpose.</summary>
    Auditor = 6,
}
