using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
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
            var disclosure = await registry.Disclosure.DownloadAsync(context.Caller(), "json", context.RequestAborted);
            return disclosure.IsOk ? ApiResults.Json(DisclosureDocument.From(disclosure.Value)) : ApiProblems.Result(context, disclosure);
        })
        .Operation("getDisclosure", "Your free disclosure (JSON)", "The subject's whole file: records and versions, assessment, score history, listings, decisions, consent, share codes, notices, disputes, repairs, appeals, affected decisions, case steps and access log. Each download is logged (it starts the FCRA 45-day dispute clock).", 422)
        .Allow(DisclosureService.DownloadAction, Role.Subject)
        .Produces<DisclosureDocument>();

        group.MapGet("/disclosure.html", async (HttpContext context, CredenceRegistry registry) =>
        {
            var disclosure = await registry.Disclosure.DownloadAsync(context.Caller(), "html", context.RequestAborted);
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
        .Operation("getDisclosurePage", "Your free disclosure (HTML)", "The subject's free disclosure as a readable, self-contained HTML page (no script, no external resource).", 422)
        .Allow(DisclosureService.DownloadAction, Role.Subject)
        .Produces<string>(StatusCodes.Status200OK, "text/html");
    }
}
