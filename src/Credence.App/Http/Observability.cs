using Credence.Registry.Storage;
using Credence.Registry.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Credence.App.Http;

/// <summary>
/// What an operator watches: OpenTelemetry metrics (ASP.NET Core's, the runtime's, Orleans', the store client's and the
/// registry's own, <see cref="RegistryTelemetry"/> and <see cref="RegistryGauges"/>) served for
/// Prometheus at <c>/metrics</c>; traces of requests, the registry's own spans and the store client's commands (<see cref="StoreChoice.TelemetrySources"/>);
/// both exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (configuration or
/// environment); trace and span ids in every log line written inside a request; and
/// <c>/healthz/live</c> and <c>/healthz/ready</c> (ready when the store, the ledger and the Orleans silo are).
/// </summary>
/// <remarks>
/// Implementation note: <c>/metrics</c> is open, like the health routes, because Prometheus scrapes it
/// and it carries counts only: every tag is a registered source's name, a fate, a policy's measure
/// or an outcome (see <see cref="RegistryTelemetry"/>), never a subject, a key, a record or a
/// purpose; it is rate-limited per client like the other open routes. It is not in the OpenAPI
/// document: its body is Prometheus' text format, described by Prometheus, not by a schema.
/// </remarks>
internal static class Observability
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("credence", serviceVersion: typeof(Observability).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([RegistryTelemetry.Name, SiloHosting.Meter, .. StoreChoice.TelemetrySources])
                // Every scrape collects afresh: the gauges' values are a snapshot already, and the open routes' rate limit guards the rest.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !IsOperational(c.Request.Path))
                .AddSource([RegistryTelemetry.Name, .. StoreChoice.TelemetrySources]));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddSingleton<RegistryGauges>();
        builder.Services.AddHostedService(s => s.GetRequiredService<RegistryGauges>());
        builder.Services.AddHealthChecks()
            .AddCheck<StoreReadiness>("store", tags: [Ready])
            .AddCheck<LedgerReadiness>("ledger", tags: [Ready])
            .AddCheck<SiloReadiness>("silo", tags: [Ready]);
    }

    /// <summary>The tag of the checks <c>/healthz/ready</c> runs.</summary>
    public const string Ready = "ready";

    public static void Map(WebApplication app)
    {
        // The exporter maps every method; a scrape is a GET (or HEAD), anything else is 405 as elsewhere.
        app.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .LimitedPerClient();
    }

    /// <summary>The scrape and the probes are not traced: they would drown the requests worth reading.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/healthz", StringComparison.Ordinal);
}
