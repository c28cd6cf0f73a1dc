using System.Diagnostics;
using System.Threading.Channels;
using Credence.Registry.Ledger;
using Credence.Registry.Telemetry;

namespace Credence.Registry.Storage;

/// <summary>
/// A store's single writer: one thread owns one session, takes every unit of work queued since its
/// last commit, runs them in one transaction and commits once (group commit), then completes their
/// tasks. A store says how its session opens, begins, commits and rolls back; the discipline below is
/// the same for every store, so every store meets one contract.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: one durable commit for many requests is what makes durable decisions and
/// access events cheap. If a unit throws, the whole transaction is rolled back and each unit of the
/// group is run again in a transaction of its own, so only the failing one fails. Disposing stops
/// taking new work, drains what was queued, and returns when the last commit did: nothing
/// acknowledged is lost, and nothing queued is dropped.
/// </para>
/// <para>
/// Implementation note: the writer is the ledger's sequencer, and a transaction is a batch (see
/// <see cref="LedgerBatching"/>). The units waiting when a batch opens join it, in order, until it
/// holds <see cref="LedgerBatching.BatchSize"/> entries (the rest open the next batch; a unit is never
/// split; intake units already queued behind one another are the exception, see <see cref="JoinsDeferring"/>); when units were waiting as it opened (the registry is under load) it stays open for more
/// arrivals until it is <see cref="LedgerBatching.BatchInterval"/> old. An isolated write never waits.
/// The store flushes the batch's entries, with their nodes, just before the commit, so rows and
/// entries are durable together, and each unit is acknowledged only after that commit. The interval
/// is measured on the machine's clock, never the registry's (a test clock that stands still must not
/// hold a batch open).
/// </para>
/// <para>
/// Implementation note: each unit's instant (<see cref="IRegistryWriter.Now"/>) is taken here, on the
/// writer's thread, as the unit is about to run: the later of the clock and the previous unit's
/// instant, and never before the instant the store keeps as the last any writer gave
/// (<c>writer_clock</c>, read as each transaction begins). So instants follow commit order and never
/// go back, and the invariant every re-scoring rests on holds: a subject's stored state is the
/// assessment at the instant of the latest unit that changed it, and that instant is no earlier than
/// any record version the unit could see. A unit that took its instant on the caller's thread, before
/// it was queued, could run after a unit that took a later one and re-score as of a moment before that
/// unit's records counted (issue 11, 8). A unit run again after a rollback takes a new instant.
/// </para>
/// <para>
/// Implementation note: when a transaction cannot even begin (the server cannot be reached, or
/// refuses the turn), no unit ran; the first waiting one fails with the error, so the writer moves on
/// rather than retrying the same unit forever.
/// </para>
/// </remarks>
/// <typeparam name="TSession">The store's session: its connection, transaction and caches.</typeparam>
internal abstract class GroupCommitWriter<TSession> : IAsyncDisposable
    where TSession : class
{
    private const int MaxGroup = 4096;

    /// <summary>Ledger entries past which no more deferring units join a batch (see <see cref="JoinsDeferring"/>).</summary>
    private const int DeferringBatch = 65_536;

    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set after every unit is queued and when the queue closes: what the writer's thread sleeps on.
    private readonly ManualResetEventSlim arrived = new(false, spinCount: 1);
    private readonly List<WriteItem> group = [];
    private readonly Queue<WriteItem> waiting = new();
    private readonly TimeProvider clock;
    private readonly LedgerBatching batching;
    private readonly string name;
    private long commits;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    /// <param name="clock">Where units' instants come from (see <see cref="Order"/>).</param>
    /// <param name="batching">How units' ledger entries are batched into transactions.</param>
    /// <param name="name">The writer thread's name.</param>
    protected GroupCommitWriter(TimeProvider clock, LedgerBatching batching, string name)
    {
        this.clock = clock;
        this.batching = batching.Checked();
        this.name = name;
    }

    /// <summary>Transactions committed so far (each may hold many units of work).</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>The batching this writer applies (checked).</summary>
    protected LedgerBatching Batching => batching;

    /// <summary>What a unit that failed with <paramref name="exception"/> fails with (a store names its own outages here).</summary>
    /// <remarks>
    /// Implementation note: translated on the writer's thread, before the unit's task is completed, rather than by
    /// awaiting the task in the store: a wrapper's continuation would complete the caller's task only after the
    /// writer moved on, so a caller could still see its write pending after the store closed.
    /// </remarks>
    protected virtual Exception Failure(Exception exception) => exception;

    /// <summary>Starts the writer's thread; called by the store's writer once its own fields are set.</summary>
    protected void Start()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <param name="reads">The subject whose file the unit only reads, when it promises so (a decision).</param>
    /// <param name="defers">Whether the unit's deferred work may wait for the next deferring unit's (see <see cref="IRegistryStore.WriteDeferringAsync{T}"/>).</param>
    /// <param name="holds">Whether the unit holds the file of <paramref name="reads"/> already (nothing to read ahead for it).</param>
    public Task<T> Enqueue<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken, Core.Identifiers.SubjectId? reads = null, bool defers = false, bool holds = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new WriteItem<T>(work, cancellationToken) { Reads = reads, Defers = defers, Holds = holds && reads is not null };
        if (!queue.Writer.TryWrite(item))
        {
            return Task.FromException<T>(new ObjectDisposedException(GetType().Name, "the registry store is shut down and takes no more writes"));
        }

        arrived.Set();
        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        arrived.Set();
        await stopped.Task.ConfigureAwait(false);

        // Implementation note: the event is not disposed: a unit queued just before the queue closed
        // may still be setting it after the writer ran it and stopped, and a set on a disposed event
        // throws. It holds no kernel handle (its wait handle is never asked for), so nothing leaks.
    }

    /// <summary>
    /// The subjects whose files <paramref name="item"/> and the units waiting right behind it will
    /// read without changing any (theirs, in order, up to <paramref name="limit"/>, stopping at the
    /// first unit that made no such promise): what a store may read for all of them at once.
    /// </summary>
    protected List<Core.Identifiers.SubjectId> ReadsFrom(WriteItem item, int limit)
    {
        var subjects = new List<Core.Identifiers.SubjectId>();
        if (item.Reads is { } first && !item.Holds)
        {
            subjects.Add(first);
        }

        foreach (var next in waiting)
        {
            if (subjects.Count >= limit || next.Reads is not { } subject)
            {
                break;
            }

            // A unit that holds its file changes none either: the units behind it may still be read for.
            if (!next.Holds)
            {
                subjects.Add(subject);
            }
        }

        return subjects;
    }

    /// <summary>The session the next transaction runs on (opened again when its connection broke).</summary>
    protected abstract TSession Session();

    /// <summary>Begins a transaction on <paramref name="session"/>; returns the stored floor of the next instants (<c>writer_clock</c>).</summary>
    protected abstract DateTimeOffset Begin(TSession session);

    /// <summary>Ledger entries appended so far on <paramref name="session"/> (how full the batch is).</summary>
    protected abstract long Appended(TSession session);

    /// <summary>Runs one unit at instant <paramref name="now"/>.</summary>
    protected abstract void Run(TSession session, DateTimeOffset now, WriteItem item);

    /// <summary>The work the units of the open transaction left for later (<see cref="IRegistryWriter.Deferred{T}"/>).</summary>
    protected abstract DeferredWork Deferred(TSession session);

    /// <summary>Runs the work left for later, if any, at the instant of the last unit that ran (<paramref name="session"/>'s).</summary>
    protected virtual void RunDeferred(TSession session)
    {
        var deferred = Deferred(session);
        if (deferred.Any)
        {
            deferred.Run((IRegistryWriter)session);
        }
    }

    /// <summary>Raises the stored writer clock to <paramref name="last"/>, flushes what was deferred (the ledger's entries among it) and commits durably.</summary>
    protected abstract void Commit(TSession session, DateTimeOffset last);

    /// <summary>Ends a transaction in which no unit ran (each was cancelled): rolled back, empty.</summary>
    protected abstract void Abandon(TSession session);

    /// <summary>Rolls back the open transaction, if any, and forgets what it appended and cached (<paramref name="session"/> is null when none could be had).</summary>
    protected abstract void RolledBack(TSession? session);

    /// <summary>Told after each commit; must return at once.</summary>
    protected virtual void Committed()
    {
    }

    /// <summary>The writer stops: its session is closed.</summary>
    protected virtual void Closing()
    {
    }

    private void Loop()
    {
        var reader = queue.Reader;
        try
        {
            while (true)
            {
                if (waiting.Count == 0)
                {
                    if (!reader.TryRead(out var first))
                    {
                        if (!Arrives(reader, Timeout.InfiniteTimeSpan))
                        {
                            break;
                        }

                        continue;
                    }

                    waiting.Enqueue(first);
                }

                Drain(reader);
                RunBatch(reader, underLoad: waiting.Count > 1);
            }
        }
        finally
        {
            Closing();
            stopped.TrySetResult();
        }
    }

    /// <summary>Takes what is queued now (up to a group's worth) into <see cref="waiting"/>.</summary>
    private void Drain(ChannelReader<WriteItem> reader)
    {
        while (waiting.Count < MaxGroup && reader.TryRead(out var next))
        {
            waiting.Enqueue(next);
        }
    }

    /// <summary>Waits up to <paramref name="left"/> (the machine's clock; infinite when idle) for a unit to arrive; false when none did, or the queue is closed.</summary>
    /// <remarks>
    /// Implementation note: the writer's thread sleeps on an event the enqueuing thread sets, not on
    /// the channel's <c>WaitToReadAsync</c>: that one is completed by a continuation queued to the
    /// thread pool, so a writer waiting on it (blocking, on its own thread) woke only once a pool
    /// thread got to run it, behind every HTTP request queued there: under load, a decision waited for
    /// the pool twice (to wake the writer, then to answer). The event is reset before the queue is
    /// looked at again, so a unit queued in between always finds the event set.
    /// </remarks>
    private bool Arrives(ChannelReader<WriteItem> reader, TimeSpan left)
    {
        var until = left == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(left.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            arrived.Reset();
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            var wait = until == long.MaxValue ? Timeout.InfiniteTimeSpan : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
            if (wait != Timeout.InfiniteTimeSpan && wait <= TimeSpan.Zero)
            {
                return false;
            }

            // Rounded up to a whole millisecond: a shorter wait would return at once and spin.
            arrived.Wait(wait == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Ceiling(wait.TotalMilliseconds));
        }
    }

    /// <summary>Takes the stored instant as the floor of the next units' instants: a restart with the clock set back, or another process with a slower clock, must not go behind it.</summary>
    private void Floor(DateTimeOffset stored)
    {
        if (stored > last)
        {
            last = stored;
        }
    }

    /// <summary>The next unit's instant: the clock's now, or the previous unit's instant if the clock is behind it.</summary>
    private DateTimeOffset Order()
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        if (now > last)
        {
            last = now;
        }

        return last;
    }

    /// <summary>Runs one batch: units from <see cref="waiting"/> (and, under load, arrivals) in one transaction, up to the batch's size or age.</summary>
    private void RunBatch(ChannelReader<WriteItem> reader, bool underLoad)
    {
        var opened = Stopwatch.GetTimestamp();
        group.Clear();
        TSession? s = null;
        try
        {
            s = Session();
            Floor(Begin(s));
            var start = Appended(s);
            while (true)
            {
                if (waiting.Count == 0)
                {
                    var left = batching.BatchInterval - Stopwatch.GetElapsedTime(opened);
                    if (!underLoad || left <= TimeSpan.Zero || !Arrives(reader, left))
                    {
                        break;
                    }

                    Drain(reader);
                    continue;
                }

                var item = waiting.Dequeue();
                if (item.TryCancel())
                {
                    continue;
                }

                group.Add(item);
                RunOne(s, item);
                var size = Appended(s) - start;
                if ((size >= batching.BatchSize && !JoinsDeferring(reader, item, size)) || group.Count >= MaxGroup)
                {
                    break;
                }
            }

            if (group.Count == 0)
            {
                // Every unit taken was cancelled: nothing ran, the transaction rolls back empty.
                Abandon(s);
                return;
            }

            RunDeferred(s);
            var entries = Appended(s) - start;
            Commit(s, last);
            Interlocked.Increment(ref commits);
            RegistryTelemetry.Batch(entries, Stopwatch.GetElapsedTime(opened));
            Committed();
        }
        catch (Exception ex)
        {
            Forget(s);
            RolledBack(s);
            if (group.Count == 0)
            {
                // No unit ran (the transaction could not begin): the first waiting one fails, so the writer moves on.
                if (waiting.TryDequeue(out var next))
                {
                    next.Fail(Failure(ex));
                }

                return;
            }

            if (group.Count == 1)
            {
                group[0].Fail(Failure(ex));
                return;
            }

            // The batch failed: each of its units runs again alone, so only the one at fault fails.
            foreach (var item in group.ToArray())
            {
                RunAlone(item);
            }

            return;
        }

        foreach (var item in group)
        {
            item.Complete();
        }
    }

    /// <summary>
    /// Runs one unit at its instant. Work that deferring units left for later runs before a unit that
    /// was not queued as deferring (at the instant of the last of them, which that unit follows), and
    /// such a unit's own deferred work right after it, at its instant.
    /// </summary>
    /// <remarks>
    /// Implementation note: so what deferring units leave (intake's re-scoring) is done once for a run
    /// of them, and nothing else ever runs, reads or commits before it is done: every other unit sees
    /// the subjects' states as if each deferring unit had done its work itself. Should the deferred work
    /// fail, the transaction rolls back and each unit runs again alone with its own.
    /// </remarks>
    private void RunOne(TSession s, WriteItem item)
    {
        if (!item.Defers)
        {
            RunDeferred(s);
        }

        Run(s, Order(), item);
        if (!item.Defers)
        {
            RunDeferred(s);
        }
    }

    /// <summary>Forgets the work left for later by units of a transaction that rolls back.</summary>
    private void Forget(TSession? s)
    {
        if (s is not null)
        {
            Deferred(s).Clear();
        }
    }

    /// <summary>
    /// Whether the deferring unit waiting next joins a full batch that <paramref name="item"/>, also
    /// deferring, ends: so consecutive intake units share one re-scoring of their subjects and one
    /// durable commit, up to <see cref="DeferringBatch"/> ledger entries.
    /// </summary>
    /// <remarks>
    /// Implementation note: a unit of bulk intake (a source's week in the demo, 10,000 lines of an
    /// import) alone holds far more entries than a batch's size, so with the size rule alone each
    /// ran in a transaction of its own and re-scored its subjects itself, even those the next unit
    /// of the same import re-scored again a moment later. Only units already queued join (nothing
    /// waits for more), and a decision or any other unit still closes the batch as before.
    /// </remarks>
    private bool JoinsDeferring(ChannelReader<WriteItem> reader, WriteItem item, long size)
    {
        if (!item.Defers || size >= DeferringBatch)
        {
            return false;
        }

        if (waiting.Count == 0)
        {
            Drain(reader);
        }

        return waiting.TryPeek(out var next) && next.Defers;
    }

    /// <summary>Runs a unit in a transaction of its own (after its batch failed).</summary>
    private void RunAlone(WriteItem item)
    {
        TSession? s = null;
        try
        {
            s = Session();
            Floor(Begin(s));
            RunOne(s, item);
            RunDeferred(s);
            Commit(s, last);
            Interlocked.Increment(ref commits);
            Committed();
        }
        catch (Exception ex)
        {
            Forget(s);
            RolledBack(s);
            item.Fail(Failure(ex));
            return;
        }

        item.Complete();
    }
}
