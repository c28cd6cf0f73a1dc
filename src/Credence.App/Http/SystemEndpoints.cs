using Credence.App.Http.Documents;
using Credence.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credence.App.Http;

/// <summary><c>/healthz</c>: the store answers and the writer takes work.</summary>
internal static class SystemEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HttpContext context, CredenceRegistry registry) =>
        {
            var now = registry.Clock.GetUtcNow();
            var active = (await registry.Policies.ActiveAllAsync(now, context.RequestAborted)).Select(p => p.Tag).ToList();
            return ApiResults.Json(new HealthDocument("ok", registry.Store.SchemaVersion, active, now));
        })
        .WithTags("system")
        .LimitedPerClient()
        .Operation("getHealth", "Liveness and readiness", "The store answers and the writer takes work: the schema version, the active policies and the registry's clock.")
        .Produces<HealthDocument>();

        app.MapGet("/healthz/live", () => ApiResults.Json(new LivenessDocument("live")))
            .WithTags("system")
            .LimitedPerClient()
            .Operation("getLiveness", "Liveness", "The process answers: restart it when this fails. It reads nothing, so a store that is down does not make a live registry look dead.")
            .Produces<LivenessDocument>();

        app.MapGet("/healthz/ready", async (HttpContext context, HealthCheckService health) =>
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains(Observability.Ready), context.RequestAborted);
            var checks = report.Entries.Select(e => new ReadinessCheck(e.Key, e.Value.Status == HealthStatus.Healthy ? "ready" : "not-ready", e.Value.Description ?? string.Empty)).ToList();
            if (report.Status == HealthStatus.Healthy)
            {
                return ApiResults.Json(new ReadinessDocument("ready", checks));
            }

            var failing = string.Join("; ", checks.Where(c => c.Status != "ready").Select(c => $"{c.Name}: {c.Description}"));
            return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.NotReady, "not ready: " + failing));
        })
            .WithTags("system")
            .LimitedPerClient()
            .Operation("getReadiness", "Readiness", "Ready only when the store answers a read, the writer takes a unit of work and the ledger's head can be read, each within 5 s, and the registry's Orleans silo is an active member of its cluster; otherwise 503 with a problem naming what does not answer.", 503)
            .Produces<ReadinessDocument>();
    }
}
