using Credence.Registry;
using Credence.Registry.DueProcess;

namespace Credence.App.Http;

/// <summary>The subject's inbox.</summary>
internal static class NoticeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithTags("notices").MapGet("/me/notices", async (HttpContext context, CredenceRegistry registry, int? limit, long? before) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "notices.read");
            var notices = who.IsOk ? await registry.Notices.ListAsync(who.Value, limit ?? 50, before, context.RequestAborted) : Outcome.Fail<IReadOnlyList<StoredNotice>>(who.Problem!);
            return notices.IsOk ? ApiResults.Json(notices.Value) : ApiProblems.Result(context, notices);
        })
        .WithSummary("Your notices, ordered by the instant of what each tells, newest first, ties by id (?limit=, ?before=<id of the last notice of the previous page>): what happened, what it is about, the reasons, the policy version and what you can do next; subject key")
        .Produces<List<StoredNotice>>();
    }
}
