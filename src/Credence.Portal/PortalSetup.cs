using Credence.Portal.Components;
using Credence.Portal.Localization;
using Credence.Portal.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Credence.Portal;

/// <summary>
/// Puts the portal beside the API in the registry's web host: <see cref="AddCredencePortal"/> on the
/// services, <see cref="UseCredencePortal"/> before authentication, <see cref="MapCredencePortal"/>
/// with the endpoints.
/// </summary>
public static class PortalSetup
{
    public static IServiceCollection AddCredencePortal(this IServiceCollection services, IConfiguration configuration, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var oidc = configuration.GetSection(PortalOidcOptions.Section).Get<PortalOidcOptions>() ?? new PortalOidcOptions();
        services.AddSingleton(oidc);
        services.AddSingleton(options);
        services.AddRazorComponents();

        // Chinese text is written as characters, not as numeric character references (four times the bytes).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddLocalization();
        services.AddScoped<PortalSession>();
        services.TryAddSingleton<ISignInLimiter, NoSignInLimit>();
        services.AddScoped<ViewerZone>();
        services.AddScoped<ReasonCatalogue>();
        services.AddScoped<PolicyNames>();
        services.AddScoped<DurationText>();
        services.AddSingleton(sp => new Simulations.SimulationRuns(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping));
        services.AddDataProtection()
            .SetApplicationName("credence")
            .PersistKeysToFileSystem(new DirectoryInfo(options.DataProtectionFolder));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = PortalAuth.AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var authentication = services.AddAuthentication().AddCookie(PortalAuth.CookieScheme, o =>
        {
            o.Cookie.Name = PortalAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/sign-in";
            o.Events.OnValidatePrincipal = SessionEvents.ValidateAsync;
        });
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(PortalAuth.OidcScheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = PortalAuth.CookieScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.CallbackPath = "/sign-in/oidc/callback";
                o.SignedOutCallbackPath = "/sign-out/oidc/callback";
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }

                o.CorrelationCookie.SameSite = SameSiteMode.None;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
                o.NonceCookie.SameSite = SameSiteMode.None;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Events.OnTokenValidated = context => SessionEvents.FederatedAsync(context, oidc);
            });
        }

        return services;
    }

    /// <summary>The portal's middleware: language, security headers. Call before authentication.</summary>
    public static WebApplication UseCredencePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var oidc = app.Services.GetRequiredService<PortalOidcOptions>();
        app.UseRequestLocalization(PortalCultures.Options());
        app.Use(SecurityHeaders.Middleware(oidc.Enabled ? Origin(oidc.Authority!) : null));

        // A page no endpoint answers (GET or HEAD, outside the API's paths) gets the portal's not-found page in
        // the viewer's language (the fallback answers it 404 with no body); the API's own paths keep their
        // problem details, and a form posted to nowhere its bare 404.
        app.UseWhen(context => (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && !SecurityHeaders.IsApiPath(context.Request.Path), branch =>
            branch.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true));

        // Implementation note: routing runs after the status-code pages, so that the re-executed request is
        // routed again (to the not-found page); with the host's implicit routing it would keep its empty endpoint.
        app.UseRouting();
        return app;
    }

    /// <summary>Maps the pages, their static files, and the language, sign-out and OpenID Connect endpoints. Call after authentication and authorisation.</summary>
    public static RazorComponentsEndpointConventionBuilder MapCredencePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/culture", (HttpContext context, string? to, string? back) =>
        {
            if (PortalCultures.Match(to) is { } culture)
            {
                PortalCultures.Choose(context, culture);
            }

            return Results.LocalRedirect(LocalPath(back));
        }).ExcludeFromDescription();
        app.MapPost("/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(PortalAuth.CookieScheme).ConfigureAwait(false);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription().DisableAntiforgery();
        var oidc = app.Services.GetRequiredService<PortalOidcOptions>();
        if (oidc.Enabled)
        {
            app.MapPost("/sign-in/oidc", async (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
                {
                    return Results.BadRequest();
                }

                return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) }, [PortalAuth.OidcScheme]);
            }).ExcludeFromDescription().DisableAntiforgery();
        }

        Downloads.IntakeDownloads.Map(app);
        Downloads.SubjectDownloads.Map(app);
        return app.MapRazorComponents<App>();
    }

    /// <summary>The not-found page's own path: the status-code pages render it for any unknown portal path.</summary>
    public const string NotFoundPath = "/not-found";

    /// <summary>
    /// The answer for a request no endpoint took: the API's problem details for an API path
    /// (<paramref name="apiNotFound"/>), otherwise a bare 404 that the portal's not-found page fills in.
    /// </summary>
    public static IResult NotFound(HttpContext context, Func<HttpContext, IResult> apiNotFound)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(apiNotFound);
        return SecurityHeaders.IsApiPath(context.Request.Path) ? apiNotFound(context) : Results.StatusCode(StatusCodes.Status404NotFound);
    }

    /// <summary>A local path to go back to, or <c>/</c> for anything else (no open redirect).</summary>
    public static string LocalPath(string? back) =>
        back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\')) && !back.Any(char.IsControl) ? back : "/";

    private static string Origin(string authority) => new Uri(authority).GetLeftPart(UriPartial.Authority);
}
