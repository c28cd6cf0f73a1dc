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
        var open = app.MapGroup("/v1/ledger").WithTags("ledger").LimitedPerClient();

        open.MapGet("/checkpoint", async (HttpContext context, LedgerService ledger) =>
        {
            context.Response.Headers.Vary = "Accept";
            var newest = await ledger.NewestAsync(context.RequestAborted);
            if (!newest.IsOk)
            {
                return ApiProblems.Result(context, newest);
            }

            return CheckpointMediaType.WantsJson(context.Request)
                ? ApiResults.Json(LedgerDocuments.Checkpoint(newest.Value, ledger))
                : Results.Text(newest.Value.Note, CheckpointMediaType.Note);
        })
            .Operation("getCheckpoint", "The newest checkpoint", "The newest signed checkpoint: by default the C2SP signed note itself (`text/plain`: origin, size, base64 root, blank line, signature lines), as tlog clients read it; with `Accept: application/json`, a document with the note, its size and root and the key that verifies it. The registry signs one at most every interval (10 s by default) while the ledger grows, and at a graceful stop; reading never signs (404 before the first).", 404)
            .Produces<CheckpointDocument>(StatusCodes.Status200OK, "application/json")
            .WithPlainTextAlternative();

        open.MapGet("/checkpoints", async (HttpContext context, LedgerService ledger, long? after, int? limit) =>
            ApiResults.Json((await ledger.HistoryAsync(after ?? 0, limit ?? 100, context.RequestAborted)).Select(c => LedgerDocuments.Checkpoint(c, ledger)).ToList()))
            .Operation("listCheckpoints", "Stored checkpoints", "Stored checkpoints after an id (`after`), oldest first.")
            .Produces<List<CheckpointDocument>>();

        group.MapPost("/checkpoints", async (HttpContext context, LedgerService ledger) =>
        {
            var signed = await ledger.SignAsync(context.Caller(), context.RequestAborted);
            return signed.IsOk ? ApiResults.Json(LedgerDocuments.Checkpoint(signed.Value, ledger), StatusCodes.Status201Created) : ApiProblems.Result(context, signed);
        })
        .Operation("signCheckpoint", "Sign a checkpoint now", "Signs a checkpoint of the whole ledger now, outside the schedule (the operator's request; no other role can make the registry sign).")
        .Allow("ledger.checkpoint", Role.Operator)
        .Produces<CheckpointDocument>(StatusCodes.Status201Created);

        open.MapGet("/proof/inclusion", async (HttpContext context, LedgerService ledger, long index, long size) =>
        {
            var proof = await ledger.InclusionAsync(index, size, context.RequestAborted);
            return proof.IsOk ? ApiResults.Json(new ProofDocument(proof.Value.LeafIndex, proof.Value.TreeSize, Hashes(proof.Value.Path))) : ApiProblems.Result(context, proof);
        })
        .Operation("getInclusionProof", "Inclusion proof", "The inclusion proof of entry `index` in the tree of `size` entries (base64 hashes).")
        .Produces<ProofDocument>();

        open.MapGet("/proof/consistency", async (HttpContext context, LedgerService ledger, long from, long to) =>
        {
            var proof = await ledger.ConsistencyAsync(from, to, context.RequestAborted);
            return proof.IsOk ? ApiResults.Json(new ProofDocument(proof.Value.OldSize, proof.Value.NewSize, Hashes(proof.Value.Path))) : ApiProblems.Result(context, proof);
        })
        .Operation("getConsistencyProof", "Consistency proof", "The consistency proof between two tree sizes `from` and `to` (base64 hashes).")
        .Produces<ProofDocument>();

        TlogEndpoints.Map(app);

        group.MapGet("/entries/{index:long}", async (HttpContext context, LedgerService ledger, long index) =>
        {
            var entry = await ledger.EntryAsync(context.Caller(), index, context.RequestAborted);
            return entry.IsOk ? ApiResults.Json(LedgerDocuments.Entry(entry.Value)) : ApiProblems.Result(context, entry);
        })
        .Operation("getLedgerEntry", "One ledger entry", "One ledger entry, for operators and auditors, and for the subject it is about (another's entry answers 404, as a missing one).", 404)
        .Allow("ledger.read", Role.Operator, Role.Auditor, Role.Subject)
        .Produces<EntryDocument>();

        app.MapGet("/v1/me/ledger", async (HttpContext context, LedgerService ledger, long? before, int? limit) =>
        {
            var entries = await ledger.OwnEntriesAsync(context.Caller(), before ?? long.MaxValue, limit ?? 100, context.RequestAborted);
            return entries.IsOk ? ApiResults.Json(entries.Value.Select(LedgerDocuments.Entry).ToList()) : ApiProblems.Result(context, entries);
        })
        .WithTags("ledger")
        .Operation("listOwnLedgerEntries", "Your ledger entries", "The subject's own ledger entries (records, decisions, every access to its file), newest first (`before` an index for the next page); ask for a receipt of any of them.")
        .Allow("ledger.read", Role.Subject)
        .Produces<List<EntryDocument>>();

        app.MapGet("/v1/me/receipts/{index:long}", async (HttpContext context, LedgerService ledger, long index) =>
        {
            var answer = await ledger.ReceiptAsync(context.Caller(), index, context.RequestAborted);
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
        .Operation("getReceipt", "A receipt for one of your entries", "A receipt (entry, inclusion proof, signed checkpoint) for one of the subject's own ledger entries, against the newest signed checkpoint; check it offline with `credence verify-receipt`. An entry no checkpoint covers yet answers 202 with Retry-After (seconds until the next scheduled checkpoint); another subject's entry answers 404, as a missing one.", 404)
        .Allow("ledger.receipt", Role.Subject)
        .Produces<System.Text.Json.JsonElement>(contentType: "application/json")
        .Produces<PendingReceiptDocument>(StatusCodes.Status202Accepted);
    }

    /// <summary>The header that carries the ledger index of the entry a response's decision was committed with.</summary>
    public const string IndexHeader = "Credence-Ledger-Index";

    /// <summary>Adds <see cref="IndexHeader"/> for a stored decision (a header, so the decision document keeps its shape).</summary>
    public static async Task<IResult> WithIndexAsync(HttpContext context, LedgerService ledger, Credence.Registry.Decisions.Decision decision, IResult result)
    {
        if ((decision.LedgerIndex ?? await ledger.IndexOfDecisionAsync(decision.Id, context.RequestAborted)) is { } index)
        {
            context.Response.Headers[IndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Adds <see cref="IndexHeader"/> for the access event that logged a read of a subject's file.</summary>
    public static async Task<IResult> WithIndexAsync(HttpContext context, LedgerService ledger, long readEventId, IResult result)
    {
        if (await ledger.IndexOfAccessEventAsync(readEventId, context.RequestAborted) is { } index)
        {
            context.Response.Headers[IndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static List<string> Hashes(System.Collections.Immutable.ImmutableArray<Credence.Ledger.Hashing.MerkleHash> path) => [.. path.Select(h => h.ToBase64())];
}
