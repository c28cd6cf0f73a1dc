namespace Credence.Portal.Security;

/// <summary>
/// OpenID Connect sign-in, configuration section <c>Credence:Oidc</c> (e.g. the environment variables
/// <c>Credence__Oidc__Authority</c>, <c>Credence__Oidc__ClientId</c>, <c>Credence__Oidc__ClientSecret</c>).
/// Off unless <see cref="Authority"/> and <see cref="ClientId"/> are both set. The provider's claim named
/// <see cref="PrincipalClaim"/> must hold the name of a principal registered in this registry
/// (<c>credence keys create --name</c>); the session is that principal's, with its role and subject,
/// exactly as its key would give. An identity naming no registered principal is refused and logged.
/// </summary>
public sealed class PortalOidcOptions
{
    public const string Section = "Credence:Oidc";

    /// <summary>The provider's issuer URL (its discovery document is at <c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that names the registry principal; <c>credence_principal</c> by default.</summary>
    public string PrincipalClaim { get; set; } = "credence_principal";

    /// <summary>Extra scopes asked for besides <c>openid</c> and <c>profile</c>.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Whether the discovery document must be fetched over HTTPS (true outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The provider's name on the sign-in page.</summary>
    public string DisplayName { get; set; } = "OpenID Connect";

    /// <summary>True when sign-in through the provider is offered.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
