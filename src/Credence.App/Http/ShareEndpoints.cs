using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Sharing;

namespace Credence.App.Http;

/// <summary>
/// Sharing a grade by consent: a subject creates, lists and revokes share codes under
/// <c>/v1/me/shares</c>; a relying party reads the grade by posting the code to <c>/v1/shared</c> with its own key
/// (anonymous use is refused: every use names who read the grade).
/// </summary>
internal static class ShareEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1").WithTags("sharing");

        group.MapPost("/me/shares", async (HttpContext context, CredenceRegistry registry) =>
        {
            var request = await ApiBodies.JsonAsync<ShareRequestDocument>(context, options);
            var issued = request.IsOk
                ? await registry.Shares.CreateAsync(context.Caller(), new ShareRequest(request.Value.RelyingParty, request.Value.Purpose, request.Value.ExpiresAt, request.Value.ValidFor), context.RequestAborted)
                : Outcome.Fail<IssuedShare>(request.Problem!);
            return issued.IsOk ? ApiResults.Json(IssuedShareDocument.From(issued.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, issued);
        })
        .WithJsonBody<ShareRequestDocument>()
        .Operation("createShare", "Share your grade", "Creates a share code for the subject's grade, for one relying party or any, expiring within 90 days; the code is shown once.", 409, 422)
        .Allow("share.create", Role.Subject)
        .Produces<IssuedShareDocument>(StatusCodes.Status201Created);

        group.MapGet("/me/shares", async (HttpContext context, CredenceRegistry registry) =>
        {
            var shares = await registry.Shares.ListAsync(context.Caller(), context.RequestAborted);
            var now = registry.Clock.GetUtcNow();
            return shares.IsOk ? ApiResults.Json(shares.Value.Select(s => ShareDocument.From(s, now)).ToList()) : ApiProblems.Result(context, shares);
        })
        .Operation("listShares", "Your share codes", "The subject's share codes (without the codes), with their status and uses.", 422)
        .Allow("share.list", Role.Subject)
        .Produces<List<ShareDocument>>();

        group.MapDelete("/me/shares/{id:long}", async (HttpContext context, CredenceRegistry registry, long id) =>
        {
            var revoked = await registry.Shares.RevokeAsync(context.Caller(), id, context.RequestAborted);
            return revoked.IsOk ? Results.NoContent() : ApiProblems.Result(context, revoked);
        })
        .Operation("revokeShare", "Revoke a share code", "Revokes one of the subject's share codes; it stops working at once.", 404, 422)
        .Allow("share.revoke", Role.Subject)
        .Produces(StatusCodes.Status204NoContent);

        // Implementation note: the code travels in the body, never in the path or query: it is a
        // bearer secret, and URLs end up in access logs, proxies and browser history.
        group.MapPost("/shared", async (HttpContext context, CredenceRegistry registry) =>
        {
            var request = await ApiBodies.JsonAsync<SharedCodeDocument>(context, options);
            var grade = request.IsOk ? await registry.Shares.UseAsync(context.Caller(), request.Value.Code, context.RequestAborted) : Outcome.Fail<SharedGrade>(request.Problem!);
            return grade.IsOk ? ApiResults.Json(SharedGradeDocument.From(grade.Value)) : ApiProblems.Result(context, grade);
        })
        .WithJsonBody<SharedCodeDocument>()
        .Operation("readSharedGrade", "Read a shared grade", "Reads a subject's grade, score status and listings through a share code sent as `{\"code\": ...}` (never in the URL); each use is logged in the subject's access log.", 404, 409, 410, 422)
        .Allow(ShareService.UseAction, Role.RelyingParty)
        .Produces<SharedGradeDocument>();
    }
}
