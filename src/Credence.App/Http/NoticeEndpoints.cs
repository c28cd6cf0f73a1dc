using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;

namespace Credence.App.Http;

/// <summary>The subject's inbox.</summary>
internal static class NoticeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithTags("notices").MapGet("/me/notices", async (HttpContext context, CredenceRegistry registry, int? limit, long? before) =>
        {
            var notices = await registry.Notices.ListAsync(context.Caller(), limit ?? 50, before, context.RequestAborted);
            return notices.IsOk ? ApiResults.Json(notices.Value) : ApiProblems.Result(context, notices);
        })
        .Operation("listNotices", "Your notices", "Your notices, ordered by the instant of what each tells, newest first, ties by id (`limit`, and `before` the id of the last notice of the previous page): what happened, what it is about, the reasons, the policy version and what you can do next.")
        .Allow("notices.read", Role.Subject)
        .Produces<List<StoredNotice>>();
    }
}
