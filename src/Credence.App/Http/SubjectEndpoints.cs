using Credence.App.Grains;
using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Subjects;

namespace Credence.App.Http;

/// <summary>Subject files, for the subject (<c>/v1/me</c>), reviewers and auditors; read through the subject's grain (<see cref="SubjectGrains.ReadFileAsync"/>).</summary>
internal static class SubjectEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("subjects");

        group.MapGet("/subjects/{id}", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger, string id, string? purpose) =>
            await AnswerAsync(context, ledger, await SubjectGrains.ReadFileAsync(Grains(context), registry, context.Caller(), id, purpose, context.RequestAborted)))
        .Operation("readSubjectFile", "A subject's file", "A subject's file as of now: records and versions, assessment with explanation and path forward, decisions, listings and access log; for the subject itself, and for reviewers and auditors with `purpose`. The read is logged; the `Credence-Ledger-Index` header carries its ledger index.", 400, 422)
        .AllowAbout("subject.read", "id", Role.Subject, Role.Reviewer, Role.Auditor)
        .Produces<SubjectFileDocument>();

        group.MapGet("/me", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger) =>
            await AnswerAsync(context, ledger, await SubjectGrains.ReadFileAsync(Grains(context), registry, context.Caller(), null, null, context.RequestAborted)))
        .Operation("readOwnFile", "Your file", "The file of the subject a subject key is bound to (as `readSubjectFile`); the read is logged and the `Credence-Ledger-Index` header carries its ledger index.", 422)
        .Allow("subject.read", Role.Subject)
        .Produces<SubjectFileDocument>();
    }

    private static Orleans.IGrainFactory Grains(HttpContext context) => context.RequestServices.GetRequiredService<Orleans.IGrainFactory>();

    /// <summary>The file's document as the subject's grain made it (<see cref="FileReadReply"/>), with its read's ledger index; or the refusal.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, Credence.Registry.Ledger.LedgerService ledger, Outcome<FileReadReply> read) =>
        read.IsOk
            ? await LedgerEndpoints.WithIndexAsync(context, ledger, read.Value.ReadEventId, Results.Bytes(read.Value.Document!, "application/json"))
            : ApiProblems.Result(context, read);
}
