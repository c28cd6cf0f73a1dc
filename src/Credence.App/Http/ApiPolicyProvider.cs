using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Credence.App.Http;

/// <summary>
/// Resolves the role policies by name (<see cref="ApiPolicies"/>), so that an endpoint names its
/// roles and no list of policies has to be kept beside the endpoints.
/// </summary>
internal sealed class ApiPolicyProvider(IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider fallback = new(options);

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        ApiPolicies.Build(policyName) is { } policy ? Task.FromResult<AuthorizationPolicy?>(policy) : fallback.GetPolicyAsync(policyName);

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => fallback.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => fallback.GetFallbackPolicyAsync();
}
