namespace Credence.Core.Explanations;

/// <summary>The three answers a relying party can receive about a capability.</summary>
public enum DecisionAnswer
{
    /// <summary>The subject may have the capability.</summary>
    Allowed = 1,

    /// <summary>A restriction resting on a listing is triggered: an adverse action, contestable and appealable through its records.</summary>
    Denied = 2,

    /// <summary>
    /// A benefit only a grant gives, and no grant on it is triggered: not an adverse action (nothing
    /// the subject has by default is withheld), so it carries no appeal; it is explained by the
    /// grant's unmet condition and the path forward.
    /// </summary>
    NotGranted = 3,
}
