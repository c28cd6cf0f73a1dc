using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Intake;
using Credence.Registry.Ledger;
using Credence.Registry.Policies;
using Credence.Registry.Public;
using Credence.Registry.Sharing;

namespace Credence.Registry.Storage;

/// <summary>The queries the use cases make. Instants are compared exactly (the SQLite store keeps UTC ticks).</summary>
public interface IRegistryReader
{
    /// <summary>
    /// The ledger in the same snapshot (or, for a unit of work, the same transaction) as every other
    /// read: its entries, nodes, checkpoints and the rows they cover (see Ledger/README.md).
    /// </summary>
    ILedgerReader Ledger { get; }

    /// <summary>The key with this SHA-256 hash and its principal, revoked or not; null when unknown.</summary>
    KeyHolder? FindKey(byte[] keyHash);

    /// <summary>
    /// How many keys have ever been revoked (a revocation is never undone): every revocation moves it, so a cache
    /// of keys compares it to know whether any key it holds may have been revoked since it read it.
    /// </summary>
    long RevokedKeyCount();

    Principal? FindPrincipal(string name);

    IReadOnlyList<PrincipalListing> ListPrincipals();

    /// <summary>
    /// The names of the stored principals that issued a key of the principal named <paramref name="name"/> at or
    /// before <paramref name="until"/> (revoked keys included), in name order; keys the command line issued have no issuer.
    /// </summary>
    IReadOnlyList<string> KeyIssuers(string name, DateTimeOffset until);

    StoredPolicy? FindPolicy(string tag);

    IReadOnlyList<StoredPolicy> ListPolicies();

    /// <summary>Every activation, oldest first.</summary>
    IReadOnlyList<PolicyActivation> ListActivations();

    /// <summary>
    /// How many activations are stored (they are never removed): a cache of the activations compares it to know
    /// whether any was written since it read them. A count, not the highest id, because ids are taken when a row is
    /// written and two writers may commit out of id order; every commit moves the count.
    /// </summary>
    long ActivationCount();

    /// <summary>A stored simulation report by id, or null.</summary>
    Simulation.StoredSimulation? FindSimulation(string id);

    /// <summary>The stored simulation report whose canonical form has this digest, or null.</summary>
    Simulation.StoredSimulation? FindSimulationByDigest(string digest);

    /// <summary>The newest simulation report of a policy version, or null when it was never simulated.</summary>
    Simulation.StoredSimulation? LatestSimulation(string policyTag);

    /// <summary>The newest sign-off of a policy version, or null.</summary>
    Simulation.PolicySignOff? LatestSignOff(string policyTag);

    /// <summary>One stored version of a record, or null.</summary>
    StoredVersion? FindRecordVersion(RecordKey key, int version);

    /// <summary>
    /// Every stored version of every record about <paramref name="subject"/>, in the subject file's
    /// order (<see cref="Core.Records.SubjectFile.FileOrder"/>: source, source record id, version), on
    /// every store and whether read or remembered, so a file built from them needs no sort.
    /// </summary>
    IReadOnlyList<Record> SubjectRecords(SubjectId subject);

    SubjectState? FindSubjectState(string subject);

    /// <summary>A subject's listings: the open ones, or its whole listing history, oldest first.</summary>
    IReadOnlyList<ListingRow> SubjectListings(string subject, bool openOnly);

    /// <summary>The latest decisions about a subject, newest first.</summary>
    IReadOnlyList<Decision> SubjectDecisions(string subject, int limit);

    Decision? FindDecision(Guid id);

    /// <summary>The latest access events about a subject, newest first.</summary>
    IReadOnlyList<AccessEvent> SubjectAccess(string subject, int limit);

    /// <summary>Access events after <paramref name="afterId"/>, oldest first.</summary>
    IReadOnlyList<AccessEvent> AccessLog(long afterId, int limit);

    /// <summary>The policy version under which all stored states of this kind were computed, if any.</summary>
    string? MaterialisedPolicy(SubjectKind kind);

    /// <summary>Subjects whose stored state may have changed by <paramref name="now"/> without a new record.</summary>
    IReadOnlyList<string> SubjectsDueForReview(DateTimeOffset now, int limit);

    /// <summary>Subjects of a kind in identifier order after <paramref name="after"/> (keyset paging).</summary>
    IReadOnlyList<string> SubjectsOfKind(SubjectKind kind, string after, int limit);

    /// <summary>A page of the open listings on <paramref name="list"/> under any of <paramref name="policyTags"/> at <paramref name="now"/>, in a stable order, and their total.</summary>
    ListPage ListMembers(string list, IReadOnlyList<string> policyTags, DateTimeOffset now, int offset, int limit);

    /// <summary>
    /// A page of organisations whose folded name starts with <paramref name="folded"/> or whose code
    /// starts with <paramref name="codePrefix"/> (none when empty), ordered by their first folded name, then code.
    /// </summary>
    OrganisationNamePage SearchOrganisations(string folded, string codePrefix, int offset, int limit);

    /// <summary>An organisation's registered names, by language.</summary>
    IReadOnlyList<OrganisationName> OrganisationNames(string code);

    /// <summary>Counts for the operator's summary.</summary>
    RegistryCounts Counts(DateTimeOffset now);

    /// <summary>The consent in force for <paramref name="subject"/> at <paramref name="at"/>: the latest change at or before it; false when there is none.</summary>
    bool ConsentAt(string subject, DateTimeOffset at);

    /// <summary>Every consent change of a subject, oldest first.</summary>
    IReadOnlyList<ConsentChange> ConsentHistory(string subject);

    Share? FindShare(long id);

    /// <summary>The share whose code has this SHA-256 hash, revoked or expired or not; null when unknown.</summary>
    Share? FindShareByCode(byte[] codeHash);

    /// <summary>A subject's shares, oldest first.</summary>
    IReadOnlyList<Share> SubjectShares(string subject);

    /// <summary>A dispute by id, or null.</summary>
    StoredDispute? FindDispute(string id);

    /// <summary>Every dispute a subject opened, oldest first (none, cheaply, for most subjects).</summary>
    IReadOnlyList<StoredDispute> SubjectDisputes(string subject);

    /// <summary>A source's open disputes, most urgent first, or its closed ones, latest first.</summary>
    IReadOnlyList<StoredDispute> SourceDisputes(string source, bool open, int limit);

    /// <summary>Disputes escalated to a reviewer and not yet decided, longest waiting first.</summary>
    IReadOnlyList<StoredDispute> EscalatedDisputes(int limit);

    /// <summary>A dispute's evidence files in the order they arrived, without their bytes (none, cheaply, for most disputes).</summary>
    IReadOnlyList<DueProcess.Evidence.StoredEvidence> DisputeEvidence(string disputeId);

    /// <summary>The bytes of a dispute's evidence file, or null when there is no such file.</summary>
    byte[]? EvidenceContent(string disputeId, int number);

    /// <summary>A repair application by id, or null.</summary>
    RepairApplication? FindRepair(string id);

    /// <summary>Every repair application of a subject, oldest first.</summary>
    IReadOnlyList<RepairApplication> SubjectRepairs(string subject);

    /// <summary>A subject's granted repairs, as its file holds them (none, cheaply, for most subjects).</summary>
    IReadOnlyList<RecordRepair> GrantedRepairs(string subject);

    /// <summary>
    /// <see cref="SubjectRecords"/>, <see cref="SubjectDisputes"/> and <see cref="GrantedRepairs"/> of one
    /// subject in the same snapshot or transaction: what its file is built from.
    /// </summary>
    /// <remarks>
    /// Implementation note: a store whose every query is a round trip (PostgreSQL) answers the three
    /// in one; a decision reads them on the single writer, so each round trip saved there is saved
    /// for every decision queued behind it. The default asks the three queries in turn.
    /// </remarks>
    SubjectCaseRows SubjectCase(SubjectId subject) => new(SubjectRecords(subject), SubjectDisputes(subject.Value), GrantedRepairs(subject.Value));

    /// <summary>
    /// The dossiers of <paramref name="subjects"/>, given in ascending identifier order (ordinal) without
    /// repeats, in that order: what a pass over the whole population builds each file from, with each
    /// subject's latest <paramref name="decisionsEach"/> decisions.
    /// </summary>
    /// <remarks>
    /// Implementation note: a simulation or a fairness report reads every subject of a kind; one query
    /// per subject and table costs a B-tree search and, on SQLite, a page read per row wherever intake put
    /// the row. A store answers a run of subjects with one read per table over the identifiers' range
    /// instead (and may scan a table in storage order when the range covers much of it), keeping only the
    /// subjects asked for: each dossier holds exactly what the subject's own queries return. The record
    /// versions are kept packed (<see cref="PackedRecords"/>) and made by <see cref="SubjectDossier.ReadCase"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The subjects are not in ascending order, or one is repeated.</exception>
    IReadOnlyList<SubjectDossier> Dossiers(IReadOnlyList<SubjectId> subjects, int decisionsEach);

    StoredAppeal? FindAppeal(string id);

    /// <summary>The appeal against a refused repair application, if one was filed.</summary>
    StoredAppeal? AppealOfRepair(string repairId);

    IReadOnlyList<StoredAppeal> SubjectAppeals(string subject);

    /// <summary>Appeals waiting for a reviewer, oldest first.</summary>
    IReadOnlyList<StoredAppeal> PendingAppeals(int limit);

    /// <summary>The latest steps of a subject's disputes, repairs and appeals, newest first.</summary>
    IReadOnlyList<CaseStep> SubjectCaseSteps(string subject, int limit);

    /// <summary>
    /// A subject's notices in the order of their instants, newest first, ties by id (newest first); with
    /// <paramref name="before"/>, those after that notice of the subject's in this order (keyset paging),
    /// none when it is not one of the subject's notices.
    /// </summary>
    IReadOnlyList<StoredNotice> SubjectNotices(string subject, int limit, long before = long.MaxValue);

    long SubjectNoticeCount(string subject);

    /// <summary>The decisions about a subject found affected by a withdrawn or corrected record.</summary>
    IReadOnlyList<DecisionMark> SubjectDecisionMarks(string subject);

    /// <summary>The mark of a decision found affected, or null.</summary>
    DecisionMark? FindDecisionMark(Guid decisionId);

    /// <summary>A relying party's decisions found affected, marked after <paramref name="after"/>, oldest mark first.</summary>
    IReadOnlyList<DecisionMark> RelyingPartyMarks(string relyingParty, DateTimeOffset after, int limit);

    /// <summary>The latest successful access event with this action about a subject (e.g. <c>disclosure.download</c>), or null.</summary>
    DateTimeOffset? LastAccess(string subject, string action);

    /// <summary>The latest stored version of a record and its number, or null when the source never sent it.</summary>
    (int Version, StoredVersion Stored)? LatestRecordVersion(RecordKey key);

    /// <summary>The earliest review time of any subject, or null when there are none.</summary>
    DateTimeOffset? NextReviewAt();

    /// <summary>The instant up to which the scheduler has acted on every due transition, or null before its first run.</summary>
    DateTimeOffset? SchedulerAfter();

    /// <summary>A source's intake batches, newest first (by the instant of their first part, then id).</summary>
    IReadOnlyList<IntakeBatch> SourceBatches(string source, int offset, int limit);

    /// <summary>How many intake batches a source has.</summary>
    long SourceBatchCount(string source);

    /// <summary>An intake batch by id, or null.</summary>
    IntakeBatch? FindIntakeBatch(string id);

    /// <summary>A batch's rejected lines after <paramref name="afterSeq"/>, in store order.</summary>
    IReadOnlyList<RejectedLine> BatchRejections(string batchId, long afterSeq, int limit);

    /// <summary>Lines taken in per source and UTC day, by fate, for batches first stored in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    IReadOnlyList<IntakeDay> IntakeByDay(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The newest instant any batch was stored, or null when none was.</summary>
    DateTimeOffset? LastIntakeAt();

    /// <summary>Decisions per UTC day, measure and outcome, decided in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    IReadOnlyList<DecisionDay> DecisionsByDay(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// Listings in force at the end of each UTC day from <paramref name="first"/> to <paramref name="last"/>
    /// (since reached, or never set; not ended; until not passed), as spans of days per list, grouped.
    /// </summary>
    IReadOnlyList<ListSpan> ListSpans(DateOnly first, DateOnly last);
}
