namespace Credence.Registry.Storage;

/// <summary>
/// Where the registry keeps its state. Writes are units of work that the store commits durably,
/// many at a time (group commit); a write's task completes only after its commit returned. Reads run
/// on their own connections and see every write whose task has completed.
/// </summary>
/// <remarks>
/// Implementation note: a unit of work runs inside the store's single writer, so the reads it makes
/// through <see cref="IRegistryWriter"/> and the writes that depend on them are one atomic step (no
/// check-then-insert race). It may run again after a rollback when another unit committed with it
/// failed, so it must not change anything outside the writer it is given. Business rules stay in
/// the use cases that write the units; the store only stores.
/// <para>
/// The store also gives each unit its instant (<see cref="IRegistryWriter.Now"/>) when it orders
/// it, in commit order and never going back; a unit stamps and evaluates "now" with it, never with
/// an instant its caller read before queueing (which a unit queued later could overtake).
/// </para>
/// </remarks>
public interface IRegistryStore : IAsyncDisposable
{
    /// <summary>
    /// Queues <paramref name="work"/> before it returns, runs it in a durable transaction and returns
    /// its result once committed. Units of work run in the order they were queued.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a unit of work that reads <paramref name="reads"/>'s file (its records, disputes,
    /// repairs and consent) and changes none of it (a decision: it inserts the decision, a notice,
    /// access events), otherwise exactly as <see cref="WriteAsync{T}(Func{IRegistryWriter, T}, CancellationToken)"/>.
    /// </summary>
    /// <remarks>
    /// Implementation note: the promise lets a store read the files of several such units queued
    /// together at once, before they run (one round trip to a database server for a group of
    /// decisions instead of one a decision), and keep what it read for them until a unit that may
    /// change a file runs, the transaction ends, or the store forgets. A unit that breaks the promise
    /// would let a later unit of the same transaction see a file as it was before that change.
    /// </remarks>
    Task<T> WriteAsync<T>(Core.Identifiers.SubjectId reads, Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        WriteAsync(work, cancellationToken);

    /// <summary>
    /// Queues a unit of work that makes the promise of <see cref="WriteAsync{T}(Core.Identifiers.SubjectId, Func{IRegistryWriter, T}, CancellationToken)"/>
    /// and holds <paramref name="holds"/>'s file already (a decision answered from the file its subject's
    /// grain keeps in memory): the store reads nothing ahead for it (it may still read the file, and reads it
    /// exactly, when the unit asks).
    /// </summary>
    Task<T> WriteHoldingAsync<T>(Core.Identifiers.SubjectId holds, Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        WriteAsync(holds, work, cancellationToken);

    /// <summary>
    /// Queues a unit of work that leaves work for later (<see cref="IRegistryWriter.Deferred{T}"/>):
    /// its deferred work may run together with that of the deferring units queued right behind it,
    /// once, at the instant of the last of them; otherwise exactly as <see cref="WriteAsync{T}(Func{IRegistryWriter, T}, CancellationToken)"/>.
    /// A store that does not gather runs each unit's deferred work right after it.
    /// </summary>
    Task<T> WriteDeferringAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        WriteAsync(work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="query"/> on a read connection, in one read transaction (one snapshot), and
    /// returns its result. A query that is cancelled before it starts does not run.
    /// </summary>
    /// <remarks>
    /// Implementation note: the query body is synchronous because it runs on one connection and one
    /// transaction the store owns for the length of the call (every read of a use case sees the same
    /// snapshot, and no connection leaks out of the store), while the seam is asynchronous so that a
    /// network store (PostgreSQL, next) can await its I/O per call instead of holding a thread. The
    /// embedded SQLite store may complete synchronously: its engine is synchronous.
    /// </remarks>
    Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default);

    /// <summary>The version of the store's schema, after its migrations (shown by <c>/healthz</c> and at start).</summary>
    int SchemaVersion { get; }
}
