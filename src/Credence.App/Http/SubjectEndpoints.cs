using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
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
            var file = await registry.Subjects.ReadAsync(context.Caller(), id, purpose, context.RequestAborted);
            return file.IsOk ? await LedgerEndpoints.WithIndexAsync(context, ledger, file.Value, ApiResults.Json(SubjectFileDocument.From(file.Value))) : ApiProblems.Result(context, file);
        })
        .Operation("readSubjectFile", "A subject's file", "A subject's file as of now: records and versions, assessment with explanation and path forward, decisions, listings and access log; for the subject itself, and for reviewers and auditors with `purpose`. The read is logged; the `Credence-Ledger-Index` header carries its ledger index.", 400, 422)
        .AllowAbout("subject.read", "id", Role.Subject, Role.Reviewer, Role.Auditor)
        .Produces<SubjectFileDocument>();

        group.MapGet("/me", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger) =>
        {
            var file = await registry.Subjects.ReadOwnAsync(context.Caller(), context.RequestAborted);
            return file.IsOk ? await LedgerEndpoints.WithIndexAsync(context, ledger, file.Value, ApiResults.Json(SubjectFileDocument.From(file.Value))) : ApiProblems.Result(context, file);
        })
        .Operation("readOwnFile", "Your file", "The file of the subject a subject key is bound to (as `readSubjectFile`); the read is logged and the `Credence-Ledger-Index` header carries its ledger index.", 422)
        .Allow("subject.read", Role.Subject)
        .Produces<SubjectFileDocument>();
    }
}
