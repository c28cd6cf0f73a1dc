using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.Registry.Intake;

/// <summary>
/// A source's intake history: its batches (when, how many lines, what became of them) and each
/// batch's rejected lines with their reasons. Sources only, each its own; every read is logged.
/// </summary>
/// <remarks>
/// Another source's batch reads as one that does not exist (<c>not-found</c>): a source learns
/// nothing of what others submit.
/// </remarks>
public sealed class IntakeHistoryService(IRegistryStore store, TimeProvider clock, AccessRecorder access)
{
    /// <summary>The largest page of batches.</summary>
    public const int MaxLimit = 200;

    private const string Action = "intake.read";

    private const int RejectionPage = 5_000;

    /// <summary>A page of the source's batches, newest first.</summary>
    public async Task<Outcome<IntakeHistoryPage>> BatchesAsync(Principal source, int offset, int limit, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (offset < 0 || limit < 1 || limit > MaxLimit)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"offset is 0 or more and limit from 1 to {MaxLimit}", offset < 0 ? "offset" : "limit");
        }

        await access.RecordAsync(AccessEvent.By(source, clock.GetUtcNow(), Action, null, null, detail: "intake history"), cancellationToken).ConfigureAwait(false);
        return await store.ReadAsync(r => new IntakeHistoryPage([.. r.SourceBatches(source.Name, offset, limit)], r.SourceBatchCount(source.Name), offset, limit), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One of the source's batches with every rejected line, in the order they were stored.</summary>
    public async Task<Outcome<(IntakeBatch Batch, IReadOnlyList<RejectedLine> Rejected)>> BatchAsync(Principal source, string? batchId, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.Identifier("batchId", batchId) is { } unreadable)
        {
            return unreadable;
        }

        var found = await store.ReadAsync(r =>
        {
            var batch = r.FindIntakeBatch(batchId ?? string.Empty);
            if (batch is null || batch.Source != source.Name)
            {
                return ((IntakeBatch, IReadOnlyList<RejectedLine>)?)null;
            }

            var lines = new List<RejectedLine>();
            var after = 0L;
            while (r.BatchRejections(batch.Id, after, RejectionPage) is { Count: > 0 } page)
            {
                lines.AddRange(page);
                after = page[^1].Seq;
            }

            return (batch, lines);
        }, cancellationToken).ConfigureAwait(false);

        if (found is not { } value)
        {
            return await access.RefuseAsync(source, Action, null, new RegistryProblem(ProblemTypes.NotFound, $"you have no intake batch '{batchId}'", "batchId"), cancellationToken).ConfigureAwait(false);
        }

        await access.RecordAsync(AccessEvent.By(source, clock.GetUtcNow(), Action, null, null, detail: $"intake batch {value.Item1.Id}"), cancellationToken).ConfigureAwait(false);
        return value;
    }
}
