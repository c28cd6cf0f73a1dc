using Credence.Ledger.Proofs;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Ledger;

namespace Credence.App.Http;

/// <summary>
/// The ledger: checkpoints and proofs (public: hashes only), entries (operator, auditor, and the
/// subject concerned) and receipts (the subject concerned).
/// </summary>
internal static class LedgerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/ledger").WithTags("ledger");

        group.MapGet("/checkpoint", (HttpContext context, LedgerService ledger) =>
        {
            var newest = ledger.Newest();
            return newest.IsOk ? ApiResults.Json(LedgerDocuments.Checkpoint(newest.Value, ledger)) : ApiProblems.Result(context, newest);
        })
            .WithSummary("The newest signed checkpoint (C2SP signed note) and the key that verifies it; the registry signs one every interval when the ledger grew, and reading never signs")
            .Produces<CheckpointDocument>();

        group.MapGet("/checkpoints", (LedgerService ledger, long? after, int? limit) =>
            ApiResults.Json(ledger.History(after ?? 0, limit ?? 100).Select(c => LedgerDocuments.Checkpoint(c, ledger)).ToList()))
            .WithSummary("Stored checkpoints after an id, oldest first")
            .Produces<List<CheckpointDocument>>();

        group.MapPost("/checkpoints", async (HttpContext context, CredenceRegistry registry, LedgerService ledger) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "ledger.checkpoint");
            var signed = who.IsOk ? await ledger.SignAsync(who.Value, context.RequestAborted) : Outcome.Fail<StoredCheckpoint>(who.Problem!);
            return signed.IsOk ? ApiResults.Json(LedgerDocuments.Checkpoint(signed.Value, ledger), StatusCodes.Status201Created) : ApiProblems.Result(context, signed);
        })
        .WithSummary("Sign a checkpoint of the whole ledger now; operator")
        .Produces<CheckpointDocument>(StatusCodes.Status201Created);

        group.MapGet("/proof/inclusion", (HttpContext context, LedgerService ledger, long index, long size) =>
        {
            var proof = ledger.Inclusion(index, size);
            return proof.IsOk ? ApiResults.Json(new ProofDocument(proof.Value.LeafIndex, proof.Value.TreeSize, Hashes(proof.Value.Path))) : ApiProblems.Result(context, proof);
        })
        .WithSummary("The inclusion proof of entry index in the tree of the given size (base64 hashes)")
        .Produces<ProofDocument>();

        group.MapGet("/proof/consistency", (HttpContext context, LedgerService ledger, long from, long to) =>
        {
            var proof = ledger.Consistency(from, to);
            return proof.IsOk ? ApiResults.Json(new ProofDocument(proof.Value.OldSize, proof.Value.NewSize, Hashes(proof.Value.Path))) : ApiProblems.Result(context, proof);
        })
        .WithSummary("The consistency proof between two tree sizes (base64 hashes)")
        .Produces<ProofDocument>();

        group.MapGet("/entries/{index:long}", async (HttpContext context, CredenceRegistry registry, LedgerService ledger, long index) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "ledger.read");
            var entry = who.IsOk ? await ledger.EntryAsync(who.Value, index, context.RequestAborted) : Outcome.Fail<StoredLedgerEntry>(who.Problem!);
            return entry.IsOk ? ApiResults.Json(LedgerDocuments.Entry(entry.Value)) : ApiProblems.Result(context, entry);
        })
        .WithSummary("One ledger entry, for operators and auditors, and for the subject it is about")
        .Produces<EntryDocument>();

        app.MapGet("/v1/me/ledger", async (HttpContext context, CredenceRegistry registry, LedgerService ledger, long? before, int? limit) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "ledger.read");
            var entries = who.IsOk ? await ledger.OwnEntriesAsync(who.Value, before ?? long.MaxValue, limit ?? 100, context.RequestAborted) : Outcome.Fail<IReadOnlyList<StoredLedgerEntry>>(who.Problem!);
            return entries.IsOk ? ApiResults.Json(entries.Value.Select(LedgerDocuments.Entry).ToList()) : ApiProblems.Result(context, entries);
        })
        .WithTags("ledger")
        .WithSummary("The subject's own ledger entries (records, decisions, every access to its file), newest first; ask for a receipt of any of them")
        .Produces<List<EntryDocument>>();

        app.MapGet("/v1/me/receipts/{index:long}", async (HttpContext context, CredenceRegistry registry, LedgerService ledger, long index) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "ledger.receipt");
            var answer = who.IsOk ? await ledger.ReceiptAsync(who.Value, index, context.RequestAborted) : Outcome.Fail<ReceiptAnswer>(who.Problem!);
            if (!answer.IsOk)
            {
                return ApiProblems.Result(context, answer);
            }

            if (answer.Value.Receipt is { } receipt)
            {
                return Results.Text(receipt.ToJson(), "application/json");
            }

            var pending = LedgerDocuments.Pending(answer.Value);
            context.Response.Headers.RetryAfter = pending.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Json(pending, StatusCodes.Status202Accepted);
        })
        .WithTags("ledger")
        .WithSummary("A receipt (entry, inclusion proof, signed checkpoint) for one of the subject's own entries, against the newest signed checkpoint; check it with credence verify-receipt. An entry no checkpoint covers yet answers 202 with Retry-After (the next scheduled checkpoint). Another's entry answers as a missing one (404)")
        .Produces<string>(contentType: "application/json")
        .Produces<PendingReceiptDocument>(StatusCodes.Status202Accepted);
    }

    /// <summary>The header that carries the ledger index of the entry a response's decision was committed with.</summary>
    public const string IndexHeader = "Credence-Ledger-Index";

    /// <summary>Adds <see cref="IndexHeader"/> for a stored decision (a header, so the decision document keeps its shape).</summary>
    public static IResult WithIndex(HttpContext context, LedgerService ledger, Credence.Registry.Decisions.Decision decision, IResult result)
    {
        if ((decision.LedgerIndex ?? ledger.IndexOfDecision(decision.Id)) is { } index)
        {
            context.Response.Headers[IndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Adds <see cref="IndexHeader"/> for the access event that logged a read of a subject's file.</summary>
    public static IResult WithIndex(HttpContext context, LedgerService ledger, Credence.Registry.Subjects.SubjectFileView file, IResult result)
    {
        if (ledger.IndexOfAccessEvent(file.ReadEventId) is { } index)
        {
            context.Response.Headers[IndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static List<string> Hashes(System.Collections.Immutable.ImmutableArray<Credence.Ledger.Hashing.MerkleHash> path) => [.. path.Select(h => h.ToBase64())];
}
