namespace Credence.Registry.Access;

/// <summary>How an access ended.</summary>
public enum AccessOutcome
{
    /// <summary>Done.</summary>
    Ok = 1,

    /// <summary>No key, or a key the registry does not know (HTTP 401).</summary>
    Unauthorized = 2,

    /// <summary>A known key asking for something its principal may not do (HTTP 403).</summary>
    Forbidden = 3,

    /// <summary>Refused for another reason after the principal was known (e.g. no purpose stated).</summary>
    Refused = 4,
}
