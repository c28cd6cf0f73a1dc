using Credence.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.Portal.Tests.Unit;

/// <summary>OpenID Connect sign-in is registered exactly when <c>Credence:Oidc</c> names a provider and a client.</summary>
public sealed class OidcTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("https://id.example", null)]
    [InlineData(null, "credence")]
    [InlineData(" ", "credence")]
    public async Task It_is_off_unless_both_the_authority_and_the_client_are_configured(string? authority, string? client)
    {
        var schemes = await SchemesAsync(authority, client);
        Assert.DoesNotContain(PortalAuth.OidcScheme, schemes);
        Assert.Contains(PortalAuth.CookieScheme, schemes);
    }

    [Fact]
    public async Task It_is_on_when_configured()
    {
        var schemes = await SchemesAsync("https://id.example", "credence");
        Assert.Contains(PortalAuth.OidcScheme, schemes);
    }

    private static async Task<List<string>> SchemesAsync(string? authority, string? client)
    {
        var values = new Dictionary<string, string?>();
        if (authority is not null)
        {
            values["Credence:Oidc:Authority"] = authority;
        }

        if (client is not null)
        {
            values["Credence:Oidc:ClientId"] = client;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCredencePortal(configuration, new PortalOptions(Path.Combine(Path.GetTempPath(), "credence-portal-oidc-tests")));
        await using var provider = services.BuildServiceProvider();
        var all = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        return [.. all.Select(s => s.Name)];
    }
}
