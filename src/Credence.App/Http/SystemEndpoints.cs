using Credence.Registry;
using Credence.Registry.Storage.Sqlite;

namespace Credence.App.Http;

/// <summary><c>/healthz</c>: the store answers and the writer takes work.</summary>
internal static class SystemEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (CredenceRegistry registry) =>
        {
            var now = registry.Clock.GetUtcNow();
            var active = registry.Policies.ActiveAll(now).Select(p => p.Tag).ToList();
            return ApiResults.Json(new { status = "ok", schema = SqliteRegistryStore.SchemaVersion, activePolicies = active, asOf = now });
        })
        .WithTags("system")
        .WithSummary("Liveness and readiness: the store answers")
        .Produces(StatusCodes.Status200OK);
    }
}
