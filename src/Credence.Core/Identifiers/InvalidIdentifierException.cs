namespace Credence.Core.Identifiers;

/// <summary>Thrown when text that must be a subject identifier is not one (see <see cref="IdentifierCheck"/>).</summary>
/// <remarks>
/// Implementation note: the message is the reason alone, never the whole input, because an identity
/// number is personal data and exception messages end up in logs. <see cref="Input"/> is there for
/// callers that need it and decide themselves what to do with it.
/// </remarks>
public sealed class InvalidIdentifierException : FormatException
{
    public InvalidIdentifierException(string input, string rule, string reason)
        : base($"{rule}: {reason}")
    {
        Input = input;
        Rule = rule;
        Reason = reason;
    }

    /// <summary>The refused text.</summary>
    public string Input { get; }

    /// <summary>The stable code of the broken rule (see <see cref="IdentifierRules"/>).</summary>
    public string Rule { get; }

    /// <summary>One line saying what is wrong.</summary>
    public string Reason { get; }
}
