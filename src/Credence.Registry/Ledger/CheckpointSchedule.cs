namespace Credence.Registry.Ledger;

/// <summary>
/// Signs the ledger's checkpoints on the registry's own schedule: at start when the ledger grew since
/// the newest checkpoint, then every <see cref="LedgerService.CheckpointInterval"/> when it grew again,
/// and once more at a graceful stop when it grew since, sleeping on the registry's
/// <see cref="TimeProvider"/> (so a fake clock drives it in tests).
/// </summary>
/// <remarks>
/// Implementation note: a fixed interval rather than "after N entries" keeps the cost of signing
/// independent of traffic (a busy registry signs at most once an interval, an idle one not at all) and
/// lets a receipt request be told exactly when to come back (<see cref="LedgerService.NextScheduledAt"/>).
/// The default interval is 10 seconds (<c>credence serve --checkpoint-interval</c>), so a new entry is
/// covered by a signed checkpoint, and published in the tiles, within 10 seconds.
/// </remarks>
public sealed class CheckpointSchedule(LedgerService ledger, TimeProvider clock)
{

    /// <summary>Signs when due at start; call once before <see cref="RunAsync"/> (the server awaits it before it takes requests).</summary>
    public Task<StoredCheckpoint?> StartAsync(CancellationToken cancellationToken) => ledger.SignDueAsync(null, cancellationToken);

    /// <summary>
    /// The graceful stop's checkpoint: one more when the ledger grew since the newest, so that what the
    /// registry acknowledged before it stopped is covered while it is down. Call after <see cref="RunAsync"/> ended.
    /// </summary>
    public Task<StoredCheckpoint?> StopAsync(CancellationToken cancellationToken) => ledger.SignDueAsync(null, cancellationToken);

    /// <summary>Sleeps until the next scheduled instant and signs, until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="failed">Told of a signing that failed; the loop goes on and the next run retries.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <param name="ran">Told after each scheduled run, with the checkpoint it signed (null when the ledger had not grown).</param>
    public async Task RunAsync(Action<Exception>? failed, CancellationToken cancellationToken, Action<StoredCheckpoint?>? ran = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // At most one interval: a clock set back never makes the loop sleep for months.
            var due = ledger.NextScheduledAt;
            var delay = due - clock.GetUtcNow();
            delay = delay < ledger.CheckpointInterval ? delay : ledger.CheckpointInterval;
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    // Always on the thread pool: a fake clock fires its timers inside Advance, on the
                    // caller's thread and under its synchronisation context, and the signing must run
                    // neither inline there nor queued behind that context.
                    await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                }

                // Implementation note: signed first, then told: written as "ran?.Invoke(await ...)" the
                // signing was skipped whenever no one listened (as in serve), so the schedule never
                // signed nor moved on, and the loop spun on a core comparing the clock with a past instant.
                var signed = await ledger.SignDueAsync(due, cancellationToken).ConfigureAwait(false);
                ran?.Invoke(signed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed?.Invoke(e);
            }
        }
    }
}
