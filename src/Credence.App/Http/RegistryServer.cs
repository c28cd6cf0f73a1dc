using Credence.Portal;
using Credence.Registry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Scalar.AspNetCore;

namespace Credence.App.Http;

/// <summary>
/// The registry's HTTP API on Kestrel: the endpoints, the OpenAPI document at
/// <c>/openapi/v1.json</c>, a Scalar UI at <c>/docs</c>, <c>/healthz</c> and structured logs.
/// Stopping waits for requests in flight, then drains the registry's writer, so nothing that was
/// acknowledged is lost.
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    private int stopped;

    private RegistryServer(WebApplication app, CredenceRegistry registry, RegistryServerOptions options)
    {
        App = app;
        Registry = registry;
        Options = options;
    }

    public WebApplication App { get; }

    public CredenceRegistry Registry { get; }

    public RegistryServerOptions Options { get; }

    /// <summary>The addresses Kestrel listens on (with the real port when the configured one was 0).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    public static async Task<RegistryServer> CreateAsync(RegistryServerOptions options)
    {
        var batching = options.LedgerBatching ?? LedgerBatchSettings.From(LedgerBatchSettings.Read());
        var registry = CredenceRegistry.Open(options.Choice, options.Clock ?? TimeProvider.System, batching: batching, peers: options.Silo.Cluster);
        try
        {
            return new RegistryServer(Build(options, registry), registry, options);
        }
        catch
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task RunAsync(RegistryServerOptions options, CancellationToken cancellationToken = default)
    {
        await using var server = await CreateAsync(options).ConfigureAwait(false);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await server.App.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await App.StartAsync(cancellationToken).ConfigureAwait(false);
        var urls = string.Join(' ', Addresses);
        var database = Options.Choice.Describe();
        ApiLog.Started(App.Logger, urls, database, Registry.Store.SchemaVersion);
        LedgerKeys.LogVerifierKey(App.Logger, App.Services.GetRequiredService<Credence.Registry.Ledger.LedgerService>());
    }

    /// <summary>Stops taking requests, finishes those in flight, and drains the writer.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        ApiLog.Stopping(App.Logger);
        await App.StopAsync().ConfigureAwait(false);
        await Registry.DisposeAsync().ConfigureAwait(false);
        ApiLog.Stopped(App.Logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(RegistryServerOptions options, CredenceRegistry registry)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "credence",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);

        // The portal's static files (its stylesheet, the framework's script) from the build's manifest in any environment: a
        // published registry has them under wwwroot, one run from its build output finds them through this manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 2 * Math.Max(options.BatchBodyLimit, options.SingleBodyLimit);
        });
        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

                // The trace and span ids of the request a line was written in (Observability turns them on).
                o.IncludeScopes = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(LedgerKeys.Service(options, registry));
        builder.Services.AddHostedService<CheckpointHost>();
        builder.Services.AddHostedService<DueProcessHost>();
        SiloHosting.Add(builder, options);
        Observability.Add(builder);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.DescribeAsWritten(o.SerializerOptions));
        builder.Services.AddOpenApi(ApiOpenApi.Configure);
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BearerKeyHandler>(BearerKeyHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddCredencePortal(builder.Configuration, new PortalOptions(options.DatabasePath + ".portal-keys")
        {
            // The portal's downloads are the API's documents, byte for byte.
            DisclosureHtml = DisclosurePage.Render,
            DisclosureJson = d => System.Text.Json.JsonSerializer.Serialize(Documents.DisclosureDocument.From(d), Output.CredenceJson.Compact),
            EvidenceHeaders = EvidenceEndpoints.Protect,
        });
        builder.Services.AddSingleton<IAuthorizationPolicyProvider, ApiPolicyProvider>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        builder.Services.AddApiRateLimiting(options.RateLimits.With(builder.Configuration));
        builder.Services.AddSingleton<Credence.Portal.Security.ISignInLimiter, PortalSignInLimiter>();

        var app = builder.Build();
        app.Use(ApiErrors.HandleAsync);
        app.UseCredencePortal();
        app.UseApiRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Credence registry API").AddPreferredSecuritySchemes(ApiOpenApi.SecurityScheme));
        SystemEndpoints.Map(app);
        Observability.Map(app);
        PrincipalEndpoints.Map(app, options);
        PolicyEndpoints.Map(app, options);
        SimulationEndpoints.Map(app, options);
        RecordEndpoints.Map(app, options);
        IntakeHistoryEndpoints.Map(app);
        SubjectEndpoints.Map(app);
        DecisionEndpoints.Map(app, options);
        PublicEndpoints.Map(app);
        AuditEndpoints.Map(app);
        FairnessEndpoints.Map(app);
        LedgerEndpoints.Map(app);
        ConsentEndpoints.Map(app, options);
        ShareEndpoints.Map(app, options);
        DisclosureEndpoints.Map(app);
        DisputeEndpoints.Map(app, options);
        EvidenceEndpoints.Map(app);
        RepairEndpoints.Map(app, options);
        NoticeEndpoints.Map(app);
        app.MapCredencePortal().LimitedPerClient();
        app.MapFallback((HttpContext context) => PortalSetup.NotFound(context, c =>
            ApiProblems.Result(c, new RegistryProblem(ProblemTypes.NotFound, $"there is no {c.Request.Method} {c.Request.Path}; see /openapi/v1.json"))))
            .ExcludeFromDescription();
        return app;
    }
}
