using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Subjects;

namespace Credence.App.Http;

/// <summary>Subject files, for the subject (<c>/v1/me</c>), reviewers and auditors.</summary>
internal static class SubjectEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("subjects");

        group.MapGet("/subjects/{id}", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger, string id, string? purpose) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "subject.read", id);
            var file = who.IsOk ? await registry.Subjects.ReadAsync(who.Value, id, purpose, context.RequestAborted) : Outcome.Fail<SubjectFileView>(who.Problem!);
            return file.IsOk ? LedgerEndpoints.WithIndex(context, ledger, file.Value, ApiResults.Json(SubjectFileDocument.From(file.Value))) : ApiProblems.Result(context, file);
        })
        .WithSummary("A subject's file as of now: records and versions, assessment with explanation and path forward, decisions, listings, access log; for the subject, and for reviewers and auditors with ?purpose=")
        .Produces<SubjectFileDocument>();

        group.MapGet("/me", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "subject.read");
            var file = who.IsOk ? await registry.Subjects.ReadOwnAsync(who.Value, context.RequestAborted) : Outcome.Fail<SubjectFileView>(who.Problem!);
            return file.IsOk ? LedgerEndpoints.WithIndex(context, ledger, file.Value, ApiResults.Json(SubjectFileDocument.From(file.Value))) : ApiProblems.Result(context, file);
        })
        .WithSummary("The file of the subject a subject key is bound to")
        .Produces<SubjectFileDocument>();
    }
}
