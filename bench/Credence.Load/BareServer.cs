using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Credence.Load;

/// <summary>
/// The ceiling: bare Kestrel answering the decision route with a fixed body of the same size, and the
/// batch intake route by reading the whole batch and answering a fixed summary: no work at all.
/// </summary>
internal static class BareServer
{
    public static async Task<WebApplication> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        const string body = """{"id":"0193a1b2-0000-7000-8000-000000000000","subject":"11010519491231002X","measure":"rail.g-train.ticket","allowed":true,"reasons":[],"policyVersion":"rongcheng-persons@2026.1"}""";
        app.MapPost("/v1/decisions", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            return Results.Text(body, "application/json");
        });
        const string batch = """{"id":"0193a1b2-0000-7000-8000-000000000000","accepted":0,"duplicates":0,"rejected":0,"fates":[]}""";
        app.MapPost("/v1/records/batch", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            return Results.Text(batch, "application/json");
        });
        await app.StartAsync();
        return app;
    }
}
