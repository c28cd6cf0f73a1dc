using Credence.Portal.Security;

namespace Credence.App.Http;

/// <summary>
/// The portal's sign-in form under the API's limit on failed authentications: the same
/// <see cref="AuthFailureLimiter"/>, per client address, so a wrong key typed into the form counts
/// exactly as a wrong bearer key does, and a client locked out is locked out of both.
/// </summary>
internal sealed class PortalSignInLimiter(AuthFailureLimiter failures) : ISignInLimiter
{
    public SignInRefusal? Blocked(HttpContext context) => Of(failures.Blocked(ClientAddress.Of(context)));

    public SignInRefusal? Charge(HttpContext context) => Of(failures.Charge(ClientAddress.Of(context)));

    private static SignInRefusal? Of(ClientWindowLimiter.Refusal? refusal) => refusal is null ? null : new SignInRefusal(refusal.Problem, refusal.RetryAfter);
}
