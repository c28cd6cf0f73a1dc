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
                .AddView(instrument => Wide(instrument) ? null : new MetricStreamConfiguration { CardinalityLimit = NarrowCardinality })
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

    /// <summary>
    /// The most points (distinct tag sets) a stream of the runtime's, Orleans' or the store client's instruments keeps; past it
    /// OpenTelemetry adds to one overflow point (<c>otel.metric.overflow</c>), so totals stay whole.
    /// </summary>
    /// <remarks>
    /// Implementation note: OpenTelemetry allocates every stream's points up front, 2,000 by default. The server has about
    /// eighty streams, most with a handful of tag sets (a GC generation, a message direction, a grain type), and their
    /// 2,000 points each were 17 MiB of every server's start (most of it on the large-object heap), the largest single
    /// allocation of starting a server. The streams whose tags grow with the registry keep the default (<see cref="Wide"/>).
    /// </remarks>
    public const int NarrowCardinality = 100;

    /// <summary>The tag of the checks <c>/healthz/ready</c> runs.</summary>
    public const string Ready = "ready";

    public static void Map(WebApplication app)
    {
        // The exporter maps every method; a scrape is a GET (or HEAD), anything else is 405 as elsewhere.
        app.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .LimitedPerClient();
    }

    /// <summary>
    /// Whether an instrument's tag sets grow with the registry: the registry's own (a source, a measure, a fate, an
    /// outcome) and ASP.NET Core's requests and route matches (a route, a method, a status).
    /// </summary>
    private static bool Wide(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Meter.Name is RegistryTelemetry.Name or "Microsoft.AspNetCore.Hosting" or "Microsoft.AspNetCore.Routing";

    /// <summary>The scrape and the probes are not traced: they would drown the requests worth reading.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/healthz", StringComparison.Ordinal);
}
