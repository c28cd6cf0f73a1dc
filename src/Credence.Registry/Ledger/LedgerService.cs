using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Receipts;
using Credence.Registry.Access;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Ledger;

/// <summary>
/// The ledger of a SQLite registry as a service: signed checkpoints (at most one per
/// <see cref="CheckpointInterval"/> unless asked for), proofs, entries for auditors and for the
/// subject an entry is about, and receipts a subject can verify offline.
/// </summary>
/// <remarks>
/// Implementation note: a checkpoint is signed inside the single writer, from the tree the writer
/// holds, and stored in the same transaction, so it always signs a committed prefix of the ledger.
/// Checkpoints, proofs and sizes are hashes only and are public; entries are not.
/// </remarks>
public sealed class LedgerService
{
    private readonly SqliteRegistryStore store;
    private readonly TimeProvider clock;
    private readonly CheckpointSigner signer;

    public LedgerService(SqliteRegistryStore store, TimeProvider clock, CheckpointSigner signer, string origin, TimeSpan checkpointInterval)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        Origin = origin;
        CheckpointInterval = checkpointInterval;
    }

    /// <summary>The checkpoint origin line, e.g. <c>credence/registry.db</c>.</summary>
    public string Origin { get; }

    /// <summary>The shortest time between two checkpoints signed without being asked for.</summary>
    public TimeSpan CheckpointInterval { get; }

    /// <summary>The operator's public verifier key for the checkpoints.</summary>
    public NoteVerifierKey VerifierKey => signer.VerifierKey;

    /// <summary>Number of committed entries.</summary>
    public long Size => Read(s => s.LedgerSize());

    /// <summary>Signs a checkpoint of the whole ledger now (unless the newest one already covers it) and stores it.</summary>
    public Task<StoredCheckpoint> SignAsync(CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            var session = (SqliteSession)w;
            var log = session.Ledger!.Log;
            if (session.NewestCheckpoint() is { } newest && newest.Size == log.Size)
            {
                return newest;
            }

            var now = clock.GetUtcNow();
            var note = signer.Sign(new Checkpoint(Origin, log.Size, log.RootHash));
            var root = log.RootHash.ToArray();
            var id = session.InsertCheckpoint(log.Size, root, note, now);
            return new StoredCheckpoint(id, log.Size, root, note, now);
        }, cancellationToken);

    /// <summary>The newest checkpoint, signing a new one first when the ledger grew and the newest is older than the interval.</summary>
    public async Task<StoredCheckpoint> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var newest = Read(s => s.NewestCheckpoint());
        if (newest is not null && (newest.Size == Size || clock.GetUtcNow() - newest.SignedAt < CheckpointInterval))
        {
            return newest;
        }

        return await SignAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stored checkpoints after <paramref name="afterId"/>, oldest first.</summary>
    public IReadOnlyList<StoredCheckpoint> History(long afterId, int limit) => Read(s => s.Checkpoints(afterId, Math.Clamp(limit, 1, 1000)));

    public Outcome<InclusionProof> Inclusion(long index, long size) =>
        Read<Outcome<InclusionProof>>(s =>
        {
            var total = s.LedgerSize();
            if (size < 1 || size > total || index < 0 || index >= size)
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"need 0 <= index < size <= {total}; got index {index}, size {size}", "index");
            }

            return new ProofBuilder(new SqliteNodeStore(s, total)).InclusionProof(index, size);
        });

    public Outcome<ConsistencyProof> Consistency(long from, long to) =>
        Read<Outcome<ConsistencyProof>>(s =>
        {
            var total = s.LedgerSize();
            if (from < 1 || from > to || to > total)
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"need 1 <= from <= to <= {total}; got from {from}, to {to}", "from");
            }

            return new ProofBuilder(new SqliteNodeStore(s, total)).ConsistencyProof(from, to);
        });

    /// <summary>An entry, for the operator and auditors, and for the subject it is about.</summary>
    public Outcome<StoredLedgerEntry> Entry(Principal who, long index)
    {
        ArgumentNullException.ThrowIfNull(who);
        return Read<Outcome<StoredLedgerEntry>>(s =>
        {
            var stored = s.LedgerEntryAt(index);
            if (stored is null)
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"there is no ledger entry {index}");
            }

            var allowed = who.Role is Role.Operator or Role.Auditor
                || (who.Role == Role.Subject && who.Subject is not null && IsAbout(stored, RowContent.Commit(s.LedgerSalt(), who.Subject)));
            return allowed ? stored : new RegistryProblem(ProblemTypes.Forbidden, $"ledger entry {index} is not about you; entries are for auditors and the subject concerned");
        });
    }

    /// <summary>The subject's own entries before <paramref name="beforeIndex"/>, newest first (its decisions, records and every access to its file).</summary>
    public Outcome<IReadOnlyList<StoredLedgerEntry>> OwnEntries(Principal subject, long beforeIndex, int limit)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Role != Role.Subject || subject.Subject is null)
        {
            return new RegistryProblem(ProblemTypes.Forbidden, "only a subject key has entries of its own");
        }

        return Outcome.Ok(Read(s => s.SubjectLedgerEntries(RowContent.Commit(s.LedgerSalt(), subject.Subject), beforeIndex, Math.Clamp(limit, 1, 1000))));
    }

    /// <summary>The ledger index of a decision's entry, or null.</summary>
    public long? IndexOfDecision(Guid decisionId) => Read(s => s.LedgerIndexOf(EntryKind.Decision, decisionId.ToString("D")));

    /// <summary>The ledger index of an access event's entry (a read of a subject's file, for instance), or null.</summary>
    public long? IndexOfAccessEvent(long accessEventId) =>
        Read(s => s.LedgerIndexOf(EntryKind.AccessEvent, accessEventId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A receipt (entry, inclusion proof, signed checkpoint) for one of the subject's own entries.</summary>
    public async Task<Outcome<Receipt>> ReceiptAsync(Principal subject, long index, CancellationToken cancellationToken = default)
    {
        var entry = Entry(subject, index);
        if (!entry.IsOk)
        {
            return entry.Problem;
        }

        var checkpoint = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoint.Size <= index)
        {
            checkpoint = await SignAsync(cancellationToken).ConfigureAwait(false);
        }

        var proof = Read(s => new ProofBuilder(new SqliteNodeStore(s, checkpoint.Size)).InclusionProof(index, checkpoint.Size));
        return new Receipt(entry.Value.Bytes, index, proof.Path, checkpoint.Note);
    }

    /// <summary>True when the stored root of <paramref name="checkpoint"/> is this ledger's root at its size.</summary>
    public bool Matches(StoredCheckpoint checkpoint) =>
        Read(s => new ProofBuilder(new SqliteNodeStore(s, s.LedgerSize())).RootHash(checkpoint.Size) == new MerkleHash(checkpoint.Root));

    private static bool IsAbout(StoredLedgerEntry stored, byte[] commitment) => stored.Entry.SubjectCommitment.Span.SequenceEqual(commitment);

    private T Read<T>(Func<SqliteSession, T> query) => store.Read(r => query((SqliteSession)r));
}
