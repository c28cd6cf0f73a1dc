namespace Credence.Portal.Security;

/// <summary>The portal's authentication scheme names, claim types and cookie names.</summary>
public static class PortalAuth
{
    /// <summary>The session cookie scheme (a data-protected ticket; never the key).</summary>
    public const string CookieScheme = "credence-portal";

    /// <summary>The OpenID Connect scheme, registered only when <c>Credence:Oidc</c> is configured.</summary>
    public const string OidcScheme = "oidc";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "credence.session";

    /// <summary>The anti-forgery cookie's name.</summary>
    public const string AntiforgeryCookieName = "credence.antiforgery";

    /// <summary>A key session's handle (the key's stored hash, hex): names the key without being it.</summary>
    public const string SessionClaim = "credence:session";

    /// <summary>A federated session's registry principal name (from the identity provider's claim).</summary>
    public const string PrincipalClaim = "credence:principal";
}
