using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Intake;
using Credence.Registry.Ledger;
using Credence.Registry.Policies;
using Credence.Registry.Sharing;

namespace Credence.Registry.Storage;

/// <summary>The writes a unit of work makes; it can read through the same transaction.</summary>
public interface IRegistryWriter : IRegistryReader
{
    /// <summary>
    /// This unit of work's instant, taken by the store when the unit is ordered (just before it runs,
    /// in commit order) and never earlier than the instant of a unit that ran before it. Everything
    /// the unit stamps or evaluates "now" (report times, re-scoring, listing ends, notices) takes it.
    /// </summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// The ledger in this unit's transaction: what a use case may read and the checkpoints it stores.
    /// Entries are appended by the store as it inserts the rows they cover, never by a use case.
    /// </summary>
    new ILedgerWriter Ledger { get; }

    /// <summary>Stores an organisation's name in a language (replacing the one it had), with its folded form for the search.</summary>
    void PutOrganisationName(Public.OrganisationName name, string folded, DateTimeOffset at);

    /// <summary>Stores a principal and returns its id.</summary>
    long InsertPrincipal(Principal principal);

    /// <summary>Stores a key's hash for a principal and returns the key's id.</summary>
    /// <param name="principalId">The principal the key acts as.</param>
    /// <param name="keyHash">The key's SHA-256; the key itself is never stored.</param>
    /// <param name="at">When it was issued.</param>
    /// <param name="issuedBy">The stored principal that issued it (and was shown it), or null for the command line on the store itself.</param>
    long InsertKey(long principalId, byte[] keyHash, DateTimeOffset at, long? issuedBy);

    /// <summary>Revokes a key; false when there is no such unrevoked key.</summary>
    bool RevokeKey(long keyId, DateTimeOffset at);

    void InsertPolicy(StoredPolicy policy);

    /// <summary>Stores an activation and returns its id.</summary>
    long InsertActivation(PolicyActivation activation);

    void InsertSimulation(Simulation.StoredSimulation simulation);

    /// <summary>Stores a sign-off and returns its id.</summary>
    long InsertSignOff(Simulation.PolicySignOff signOff);

    /// <summary>
    /// Where this writer stands now in its count of subject-file changes: the stamp to keep with a subject's
    /// file read in this unit, for <see cref="FileUnchangedSince"/> in a later one. The default belongs to no writer.
    /// </summary>
    FileStamp FileStamp => default;

    /// <summary>
    /// Whether the file of <paramref name="subject"/> (its record versions, disputes and repairs) read by a unit
    /// of this writer at <paramref name="stamp"/> is still the subject's file in this unit: no unit of any process
    /// changed it since. False whenever the store cannot be sure (a stamp of another writer or of none, a rolled
    /// back transaction, another process's changes it cannot attribute), so a false answer costs only a read.
    /// </summary>
    bool FileUnchangedSince(SubjectId subject, FileStamp stamp) => false;

    /// <summary>The index of the last ledger entry this unit of work appended (-1 before any): the entry of the row just written.</summary>
    long LastLedgerIndex { get; }

    /// <summary>Stores a record version; false when a version with the same key and number exists.</summary>
    bool TryInsertRecord(Record record);

    /// <summary>
    /// The stored versions among <paramref name="versions"/>, read in one call: each one asked for
    /// that is stored, with what it says (those not stored are absent from the answer).
    /// </summary>
    /// <remarks>
    /// Implementation note: the set-based seam of intake (with <see cref="TryInsertRecords"/> and
    /// <see cref="ReadAhead"/>). Storage only reads and writes rows here; every rule (the correction
    /// chain, idempotency, the fates) stays in the use case, which asks for what a whole batch needs
    /// at once instead of one round trip per line.
    /// </remarks>
    IReadOnlyDictionary<RecordVersionKey, StoredVersion> FindRecordVersions(IReadOnlyCollection<RecordVersionKey> versions);

    /// <summary>
    /// Stores record versions in one call, in the order given, each with its ledger entry in that
    /// order, and returns for each whether it was inserted: false when a version with the same key
    /// and number was already stored (by another unit, another writer, or an earlier element of
    /// <paramref name="records"/>), exactly as <see cref="TryInsertRecord"/> would answer one by one.
    /// </summary>
    bool[] TryInsertRecords(IReadOnlyList<Record> records);

    /// <summary>
    /// Tells the store that this unit is about to re-score <paramref name="subjects"/>: it may read
    /// their records, state, open listings, disputes, granted repairs and consents ahead in one go and
    /// answer the unit's reads of them from memory until the unit ends. Every read answers exactly what
    /// it would without the hint (the store keeps what it read in line with the unit's own writes).
    /// </summary>
    void ReadAhead(IReadOnlyCollection<SubjectId> subjects);

    /// <summary>
    /// The work of type <typeparamref name="T"/> this unit leaves for later (started if none is
    /// pending): it runs once, in this transaction, after this unit and the deferring units queued
    /// right behind it (<see cref="IRegistryStore.WriteDeferringAsync{T}"/>) have run, at the last one's
    /// instant, and before any other unit runs or the transaction commits.
    /// </summary>
    /// <remarks>
    /// Implementation note: what intake re-scores goes here, so that a subject reported by several
    /// units committed together is re-scored once, as of the last of them, not once per unit. A unit
    /// that was not queued as deferring has its work run right after it, at its own instant.
    /// </remarks>
    T Deferred<T>()
        where T : class, IGroupWork, new();

    void SaveSubjectState(SubjectState state);

    /// <summary>Stores a new open listing and returns its id.</summary>
    long OpenListing(ListingRow listing);

    void UpdateListing(long id, DateTimeOffset? since, DateTimeOffset? until);

    void EndListing(long id, DateTimeOffset at);

    /// <summary>Opens again a listing that was ended in error (a state repair); the caller ends it properly if it must end.</summary>
    void ReopenListing(long id);

    /// <summary>Sets whether a listing is published (a state repair; the policy's list decides it).</summary>
    void SetListingPublished(long id, bool published);

    void InsertDecision(Decision decision);

    /// <summary>Appends an access event and returns its id.</summary>
    long AppendAccess(AccessEvent accessEvent);

    void SetMaterialisedPolicy(SubjectKind kind, string policyTag);

    /// <summary>Appends a consent change and returns its id.</summary>
    long InsertConsent(ConsentChange change);

    /// <summary>Stores a share under the hash of its code and returns its id.</summary>
    long InsertShare(Share share, byte[] codeHash);

    /// <summary>Revokes a share; false when there is no such unrevoked share.</summary>
    bool RevokeShare(long id, DateTimeOffset at);

    /// <summary>Counts one successful use of a share.</summary>
    void ShareUsed(long id, DateTimeOffset at);

    void InsertDispute(StoredDispute dispute);

    /// <summary>Stores a dispute's new state, answer and closing instant.</summary>
    void UpdateDispute(StoredDispute dispute);

    /// <summary>Stores an evidence file of a dispute with its bytes (its number is the caller's: the next in the dispute).</summary>
    void InsertEvidence(DueProcess.Evidence.StoredEvidence evidence, ReadOnlyMemory<byte> content);

    void InsertRepair(RepairApplication application);

    /// <summary>Grants a refused application (on appeal) with effect from <paramref name="at"/>; false when it was already granted.</summary>
    bool GrantRepair(string id, DateTimeOffset at);

    void InsertAppeal(StoredAppeal appeal);

    void UpdateAppeal(StoredAppeal appeal);

    /// <summary>Stores a case step with its ledger entry and returns its id.</summary>
    long InsertCaseStep(CaseStep step);

    /// <summary>Stores a notice and returns its id.</summary>
    long InsertNotice(StoredNotice notice);

    /// <summary>Marks a decision affected; false when it was already marked.</summary>
    bool InsertDecisionMark(DecisionMark mark);

    /// <summary>Moves the scheduler's checkpoint forward to <paramref name="at"/> (never back).</summary>
    void SetSchedulerAfter(DateTimeOffset at);

    /// <summary>Adds one unit's part to an intake batch's history (creating the batch, at <see cref="Now"/>, with its first part).</summary>
    void RecordIntakeBatch(IntakeBatchPart part);
}
