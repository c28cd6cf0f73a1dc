using Credence.Portal.Security;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Microsoft.AspNetCore.Authentication;

namespace Credence.Portal.Downloads;

/// <summary>
/// The portal's files, for a signed-in session, through the same use cases as the API's routes: a
/// dispute's evidence file (<c>/disputes/{id}/evidence/{n}</c>), the subject's free disclosure
/// (<c>/me/disclosure.html</c>, <c>/me/disclosure.json</c>) and a receipt for one of its ledger entries
/// (<c>/me/receipts/{index}</c>). Each is an attachment with <c>nosniff</c>; a visitor who is not signed
/// in is sent to sign in and back; a refusal answers the API's status with its sentence as plain text.
/// </summary>
/// <remarks>
/// Implementation note: these are GETs without anti-forgery (they change nothing; each read is logged
/// by its use case exactly as the API's). The session cookie is SameSite=Lax, so another site can at
/// most make the browser download a file the visitor could download anyway.
/// </remarks>
internal static class SubjectDownloads
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/disputes/{id}/evidence/{number:int}", async (HttpContext context, CredenceRegistry registry, PortalOptions options, string id, int number) =>
        {
            if (await CallerAsync(context) is not { } principal)
            {
                return SignIn(context);
            }

            var file = await registry.Disputes.DownloadEvidenceAsync(principal, id, number, context.RequestAborted).ConfigureAwait(false);
            if (!file.IsOk)
            {
                return Refused(context, file.Problem);
            }

            var headers = context.Response.Headers;
            options.EvidenceHeaders?.Invoke(headers, file.Value.Evidence.Sha256);
            headers.XContentTypeOptions = "nosniff";
            return Results.File(file.Value.Content, file.Value.Evidence.MediaType, file.Value.Evidence.DownloadName);
        }).ExcludeFromDescription();

        app.MapGet("/me/disclosure.html", (HttpContext context, CredenceRegistry registry, PortalOptions options) => DisclosureAsync(context, registry, options, "html")).ExcludeFromDescription();
        app.MapGet("/me/disclosure.json", (HttpContext context, CredenceRegistry registry, PortalOptions options) => DisclosureAsync(context, registry, options, "json")).ExcludeFromDescription();

        app.MapGet("/me/receipts/{index:long}", async (HttpContext context, LedgerService ledger, long index) =>
        {
            if (await CallerAsync(context) is not { } principal)
            {
                return SignIn(context);
            }

            var answer = await ledger.ReceiptAsync(principal, index, context.RequestAborted).ConfigureAwait(false);
            if (!answer.IsOk)
            {
                return Refused(context, answer.Problem);
            }

            if (answer.Value.Receipt is not { } receipt)
            {
                // Not yet covered by a signed checkpoint: back to the page, which says when to come back.
                var at = answer.Value.ComeBackAt?.ToUnixTimeSeconds() ?? 0;
                return Results.Redirect(FormattableString.Invariant($"/me/downloads?pending={index}&comeBack={at}"));
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(receipt.ToJson()), "application/json; charset=utf-8",
                FormattableString.Invariant($"credence-receipt-{index}.json"));
        }).ExcludeFromDescription();
    }

    private static async Task<IResult> DisclosureAsync(HttpContext context, CredenceRegistry registry, PortalOptions options, string format)
    {
        var render = format == "html" ? options.DisclosureHtml : options.DisclosureJson;
        if (render is null)
        {
            return Results.NotFound();
        }

        if (await CallerAsync(context).ConfigureAwait(false) is not { } principal)
        {
            return SignIn(context);
        }

        var disclosure = await registry.Disclosure.DownloadAsync(principal, format, context.RequestAborted).ConfigureAwait(false);
        if (!disclosure.IsOk)
        {
            return Refused(context, disclosure.Problem);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        var name = $"credence-{disclosure.Value.Subject.Value}.{format}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(render(disclosure.Value));
        return Results.File(bytes, format == "html" ? "text/html; charset=utf-8" : "application/json; charset=utf-8", name);
    }

    private static async Task<Principal?> CallerAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PortalAuth.CookieScheme).ConfigureAwait(false);
        return result.Succeeded ? context.Features.Get<PortalCaller>()?.Principal : null;
    }

    private static IResult SignIn(HttpContext context) =>
        Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

    private static IResult Refused(HttpContext context, RegistryProblem problem)
    {
        var catalogue = context.RequestServices.GetRequiredService<Localization.ReasonCatalogue>();
        Components.Shared.Refusal.Answer(context, problem);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(catalogue.Problem(problem), "text/plain; charset=utf-8", statusCode: context.Response.StatusCode);
    }
}
