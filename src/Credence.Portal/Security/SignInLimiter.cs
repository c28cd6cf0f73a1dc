using Credence.Registry;

namespace Credence.Portal.Security;

/// <summary>
/// The host's limit on failed authentications per client, asked by the sign-in form: the same limit,
/// and the same lock-out, as a wrong bearer key on the API (the host registers its own; without one,
/// nothing is limited).
/// </summary>
public interface ISignInLimiter
{
    /// <summary>The refusal for a client that used up its failures, or null while it may still try.</summary>
    SignInRefusal? Blocked(HttpContext context);

    /// <summary>Counts one failure of the client; the refusal when that was one too many.</summary>
    SignInRefusal? Charge(HttpContext context);
}

/// <summary>Why a client may not sign in now, and when it may try again.</summary>
public sealed record SignInRefusal(RegistryProblem Problem, TimeSpan? RetryAfter);

/// <summary>No limit: for a host that has none.</summary>
internal sealed class NoSignInLimit : ISignInLimiter
{
    public SignInRefusal? Blocked(HttpContext context) => null;

    public SignInRefusal? Charge(HttpContext context) => null;
}
