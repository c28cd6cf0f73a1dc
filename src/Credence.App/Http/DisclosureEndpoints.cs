using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Disclosure;

namespace Credence.App.Http;

/// <summary>
/// The free disclosure, for the subject only: <c>GET /v1/me/disclosure</c> (JSON) and
/// <c>GET /v1/me/disclosure.html</c> (a readable, self-contained page).
/// </summary>
/// <remarks>
/// Implementation note: two paths rather than content negotiation, so that the page is a plain
/// link a person can open, save or print, and each download names its format in the access log.
/// The page is served with a Content-Security-Policy that allows no script and no external
/// resource, a second guard besides the encoding of every value.
/// </remarks>
internal static class DisclosureEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/me").WithTags("disclosure");

        group.MapGet("/disclosure", async (HttpContext context, CredenceRegistry registry) =>
        {
            var disclosure = await DownloadAsync(context, registry, "json");
            return disclosure.IsOk ? ApiResults.Json(DisclosureDocument.From(disclosure.Value)) : ApiProblems.Result(context, disclosure);
        })
        .WithSummary("The subject's free disclosure: its whole file (records and versions, assessment, score history, listings, decisions, consent, share codes, notices, disputes, repairs, appeals, affected decisions, case steps, access log) as JSON; subject keys only")
        .Produces<DisclosureDocument>();

        group.MapGet("/disclosure.html", async (HttpContext context, CredenceRegistry registry) =>
        {
            var disclosure = await DownloadAsync(context, registry, "html");
            if (!disclosure.IsOk)
            {
                return ApiProblems.Result(context, disclosure);
            }

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentDisposition = $"inline; filename=\"credence-{disclosure.Value.Subject.Value}.html\"";
            return Results.Content(DisclosurePage.Render(disclosure.Value), "text/html; charset=utf-8");
        })
        .WithSummary("The subject's free disclosure as a readable, self-contained HTML page; subject keys only")
        .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    private static async Task<Registry.Outcome<DisclosureView>> DownloadAsync(HttpContext context, CredenceRegistry registry, string format)
    {
        var who = await ApiAuth.PrincipalAsync(context, registry, DisclosureService.DownloadAction);
        return who.IsOk ? await registry.Disclosure.DownloadAsync(who.Value, format, context.RequestAborted) : Outcome.Fail<DisclosureView>(who.Problem!);
    }
}
