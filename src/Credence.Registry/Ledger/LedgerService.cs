using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Receipts;
using Credence.Ledger.Tiles;
using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.Registry.Ledger;

/// <summary>
/// The ledger of a registry as a service, over any store (through <see cref="IRegistryReader.Ledger"/>): signed checkpoints (on the registry's schedule, or on
/// the operator's request), proofs, entries for auditors and for the subject an entry is about, and
/// receipts a subject can verify offline.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: a checkpoint is signed inside a unit of work, from the tree stored in that
/// unit's transaction, and stored in the same transaction, so it always signs a committed prefix of the ledger.
/// Checkpoints, proofs and sizes are hashes only and are public; entries are not.
/// </para>
/// <para>
/// Implementation note: no read signs. Every <see cref="CheckpointInterval"/> the schedule
/// (<see cref="SignDueAsync"/>, run by <see cref="CheckpointSchedule"/>) signs one when the ledger grew,
/// and the operator may ask for one; a receipt is proved against the newest signed checkpoint and,
/// for an entry it does not cover yet, says when the next is signed. So no client, whatever it asks,
/// makes the registry sign more often than its schedule and its operator do.
/// </para>
/// </remarks>
public sealed class LedgerService
{
    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly CheckpointSigner signer;
    private readonly AccessRecorder access;
    private long nextScheduledTicks;

    public LedgerService(IRegistryStore store, TimeProvider clock, CheckpointSigner signer, string origin, TimeSpan checkpointInterval, AccessRecorder access)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.access = access ?? throw new ArgumentNullException(nameof(access));
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointInterval, TimeSpan.FromSeconds(1));
        Origin = origin;
        CheckpointInterval = checkpointInterval;
        nextScheduledTicks = (clock.GetUtcNow() + checkpointInterval).UtcTicks;
    }

    /// <summary>The checkpoint origin line, e.g. <c>credence/registry.db</c>.</summary>
    public string Origin { get; }

    /// <summary>How often the schedule signs a checkpoint when the ledger grew.</summary>
    public TimeSpan CheckpointInterval { get; }

    /// <summary>The operator's public verifier key for the checkpoints.</summary>
    public NoteVerifierKey VerifierKey => signer.VerifierKey;

    /// <summary>Number of committed entries.</summary>
    public Task<long> SizeAsync(CancellationToken cancellationToken = default) => ReadAsync(s => s.Size(), cancellationToken);

    /// <summary>When the schedule next signs (a checkpoint, if the ledger grew by then).</summary>
    public DateTimeOffset NextScheduledAt => new(Interlocked.Read(ref nextScheduledTicks), TimeSpan.Zero);

    /// <summary>Signs a checkpoint of the whole ledger now (unless the newest one already covers it) and stores it.</summary>
    /// <remarks>For the registry's own use (the schedule, the demo); requests go through <see cref="SignAsync(Principal, CancellationToken)"/>.</remarks>
    public Task<StoredCheckpoint> SignAsync(CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            var ledger = w.Ledger;
            var size = ledger.Size();
            if (ledger.NewestCheckpoint() is { } newest && newest.Size == size)
            {
                return newest;
            }

            // The unit's instant, not the clock's: it follows commit order like every other stamp of the unit.
            var now = w.Now;
            var rootHash = new ProofBuilder(new LedgerNodeStore(ledger, size)).RootHash(size);
            var note = signer.Sign(new Checkpoint(Origin, size, rootHash));
            var root = rootHash.ToArray();
            var id = ledger.InsertCheckpoint(size, root, note, now);
            return new StoredCheckpoint(id, size, root, note, now);
        }, cancellationToken);

    /// <summary>The operator's request for a checkpoint now; anyone else is refused (and the refusal logged).</summary>
    public async Task<Outcome<StoredCheckpoint>> SignAsync(Principal who, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (await access.RequireAsync(who, "ledger.checkpoint", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await SignAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The scheduled signing: a checkpoint when the ledger grew past the newest one (none for an empty
    /// ledger), and the next run one interval from now. Returns the checkpoint signed, or null.
    /// </summary>
    /// <param name="scheduledFor">The instant this run was scheduled for, if any: the next run is at least one interval after it, so a schedule always moves on.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    public async Task<StoredCheckpoint?> SignDueAsync(DateTimeOffset? scheduledFor = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var (size, newest) = await ReadAsync(s => (s.Size(), s.NewestCheckpoint()), cancellationToken).ConfigureAwait(false);
            if (size == 0 || newest?.Size == size)
            {
                return null;
            }

            var signed = await SignAsync(cancellationToken).ConfigureAwait(false);
            return signed.Id == newest?.Id ? null : signed;
        }
        finally
        {
            var now = clock.GetUtcNow();
            var from = scheduledFor is { } due && due > now ? due : now;
            Interlocked.Exchange(ref nextScheduledTicks, (from + CheckpointInterval).UtcTicks);
        }
    }

    /// <summary>The newest signed checkpoint; <c>not-found</c> before the first is signed. Reading never signs.</summary>
    public async Task<Outcome<StoredCheckpoint>> NewestAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync(s => s.NewestCheckpoint(), cancellationToken).ConfigureAwait(false) is { } newest
            ? newest
            : new RegistryProblem(ProblemTypes.NotFound, $"no checkpoint is signed yet; the registry signs one every {CheckpointInterval.TotalSeconds:0} seconds once the ledger has entries");

    /// <summary>Stored checkpoints after <paramref name="afterId"/>, oldest first.</summary>
    public Task<IReadOnlyList<StoredCheckpoint>> HistoryAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.Checkpoints(afterId, Math.Clamp(limit, 1, 1000)), cancellationToken);

    public Task<Outcome<InclusionProof>> InclusionAsync(long index, long size, CancellationToken cancellationToken = default) =>
        ReadAsync<Outcome<InclusionProof>>(s =>
        {
            var total = s.Size();
            if (size < 1 || size > total || index < 0 || index >= size)
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"need 0 <= index < size <= {total}; got index {index}, size {size}", "index");
            }

            return new ProofBuilder(new LedgerNodeStore(s, total)).InclusionProof(index, size);
        }, cancellationToken);

    public Task<Outcome<ConsistencyProof>> ConsistencyAsync(long from, long to, CancellationToken cancellationToken = default) =>
        ReadAsync<Outcome<ConsistencyProof>>(s =>
        {
            var total = s.Size();
            if (from < 1 || from > to || to > total)
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"need 1 <= from <= to <= {total}; got from {from}, to {to}", "from");
            }

            return new ProofBuilder(new LedgerNodeStore(s, total)).ConsistencyProof(from, to);
        }, cancellationToken);

    /// <summary>
    /// An entry, for the operator and auditors, and for the subject it is about. Other roles are
    /// <c>forbidden</c>; a subject asking for an entry about someone else gets the very answer of an
    /// index that does not exist, so it learns nothing. Refusals are logged.
    /// </summary>
    public async Task<Outcome<StoredLedgerEntry>> EntryAsync(Principal who, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        const string Action = "ledger.read";
        if (await access.RequireAsync(who, Action, null, cancellationToken, Role.Operator, Role.Auditor, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var stored = await ReadAsync(s => who.Role == Role.Subject ? OwnEntry(s, who, index) : s.Entry(index), cancellationToken).ConfigureAwait(false);
        return stored is not null
            ? stored
            : await access.RefuseAsync(who, Action, who.Subject, NoEntry(who, index), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subject's own entries before <paramref name="beforeIndex"/>, newest first (its decisions, records and every access to its file).</summary>
    public async Task<Outcome<IReadOnlyList<StoredLedgerEntry>>> OwnEntriesAsync(Principal subject, long beforeIndex, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (await access.RequireAsync(subject, "ledger.read", null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return subject.Subject is null
            ? Outcome.Ok<IReadOnlyList<StoredLedgerEntry>>([])
            : Outcome.Ok(await ReadAsync(s => s.SubjectEntries(EntryContent.Commit(s.Salt(), subject.Subject), beforeIndex, Math.Clamp(limit, 1, 1000)), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The ledger index of a decision's entry, or null.</summary>
    public Task<long?> IndexOfDecisionAsync(Guid decisionId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.IndexOf(EntryKind.Decision, decisionId.ToString("D")), cancellationToken);

    /// <summary>The ledger index of an access event's entry (a read of a subject's file, for instance), or null.</summary>
    public Task<long?> IndexOfAccessEventAsync(long accessEventId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => s.IndexOf(EntryKind.AccessEvent, accessEventId.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>
    /// A receipt (entry, inclusion proof, signed checkpoint) for one of the subject's own entries,
    /// proved against the newest signed checkpoint; while none covers the entry, when to come back.
    /// </summary>
    /// <remarks>
    /// Receipts are the subject's: every other role is <c>forbidden</c>, and an entry about someone
    /// else answers exactly as an index that does not exist (<c>not-found</c>). Refusals are logged.
    /// Asking never signs a checkpoint. The time to come back is the next scheduled signing, and
    /// never less than a second (a schedule due this instant is about to sign).
    /// </remarks>
    public async Task<Outcome<ReceiptAnswer>> ReceiptAsync(Principal who, long index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        const string Action = "ledger.receipt";
        if (await access.RequireAsync(who, Action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var answer = await ReadAsync(s =>
        {
            if (OwnEntry(s, who, index) is not { } entry)
            {
                return null;
            }

            if (s.NewestCheckpoint() is not { } newest || newest.Size <= index)
            {
                var now = clock.GetUtcNow();
                var next = NextScheduledAt - now < TimeSpan.FromSeconds(1) ? now.AddSeconds(1) : NextScheduledAt;
                return new ReceiptAnswer(index, null, s.NewestCheckpoint()?.Size ?? 0, next, (long)Math.Ceiling((next - now).TotalSeconds));
            }

            var proof = new ProofBuilder(new LedgerNodeStore(s, newest.Size)).InclusionProof(index, newest.Size);
            return new ReceiptAnswer(index, new Receipt(entry.Bytes, index, proof.Path, newest.Note), newest.Size, null, 0);
        }, cancellationToken).ConfigureAwait(false);
        return answer is not null
            ? answer
            : await access.RefuseAsync(who, Action, who.Subject, NoEntry(who, index), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A hash tile of the C2SP tlog-tiles layout, from the tree of the newest signed checkpoint (the
    /// tree the registry publishes); <c>not-found</c> for a tile that tree does not hold. Public: hashes only.
    /// </summary>
    public Task<Outcome<byte[]>> HashTileAsync(TileAddress address, CancellationToken cancellationToken = default) =>
        ReadAsync<Outcome<byte[]>>(s =>
        {
            var size = s.NewestCheckpoint()?.Size ?? 0;
            return !address.Entries && TileMath.Holds(address, size)
                ? TileMath.HashTile(new LedgerNodeStore(s, size), address)
                : NoTile(address, size);
        }, cancellationToken);

    /// <summary>
    /// An entry bundle of the tlog-tiles layout (entries of the newest signed checkpoint's tree), for
    /// the operator and auditors only: entries are not public (their commitments would let anyone
    /// link one subject's entries together). Others are <c>forbidden</c>, and the refusal is logged.
    /// </summary>
    public async Task<Outcome<byte[]>> EntryBundleAsync(Principal who, TileAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (await access.RequireAsync(who, "ledger.read", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await ReadAsync<Outcome<byte[]>>(s =>
        {
            var size = s.NewestCheckpoint()?.Size ?? 0;
            if (!address.Entries || !TileMath.Holds(address, size))
            {
                return NoTile(address, size);
            }

            var first = TileMath.FirstEntry(address);
            var entries = new ReadOnlyMemory<byte>[address.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = (s.Entry(first + i) ?? throw new InvalidDataException($"ledger entry {first + i} is missing")).Bytes;
            }

            return EntryBundle.Encode(entries);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the stored root of <paramref name="checkpoint"/> is this ledger's root at its size.</summary>
    public Task<bool> MatchesAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        ReadAsync(s => new ProofBuilder(new LedgerNodeStore(s, s.Size())).RootHash(checkpoint.Size) == new MerkleHash(checkpoint.Root), cancellationToken);

    /// <summary>One answer for "no such entry" and "not about you": the same type, title and detail.</summary>
    private static RegistryProblem NoEntry(Principal who, long index) =>
        new(ProblemTypes.NotFound, who.Role == Role.Subject ? $"you have no ledger entry {index}" : $"there is no ledger entry {index}");

    private static RegistryProblem NoTile(TileAddress address, long size) =>
        new(ProblemTypes.NotFound, $"the published tree (size {size}, the newest signed checkpoint) has no {address.Path}");

    private static StoredLedgerEntry? OwnEntry(ILedgerReader s, Principal who, long index)
    {
        if (who.Subject is null || s.Entry(index) is not { } stored)
        {
            return null;
        }

        return stored.Entry.SubjectCommitment.Span.SequenceEqual(EntryContent.Commit(s.Salt(), who.Subject)) ? stored : null;
    }

    private Task<T> ReadAsync<T>(Func<ILedgerReader, T> query, CancellationToken cancellationToken) =>
        store.ReadAsync(r => query(r.Ledger), cancellationToken);
}
