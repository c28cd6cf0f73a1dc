using Credence.App.Http.Documents;
using Credence.Registry;

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
    }
}
