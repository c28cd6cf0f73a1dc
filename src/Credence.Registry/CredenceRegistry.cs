using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.Disclosure;
using Credence.Registry.DueProcess;
using Credence.Registry.Intake;
using Credence.Registry.Policies;
using Credence.Registry.Principals;
using Credence.Registry.Public;
using Credence.Registry.Sharing;
using Credence.Registry.State;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry;

/// <summary>
/// A registry: its store and every use case over it, sharing one clock. The HTTP API, the command
/// line and the demo all hold one of these; none of them holds a business rule.
/// </summary>
public sealed class CredenceRegistry : IAsyncDisposable
{
    /// <param name="peers">
    /// True when other registries serve the same store at the same time (the silos of a cluster): a key revocation
    /// or a policy activation is then acknowledged only once every peer's cache honours it (docs/cluster.md).
    /// </param>
    public CredenceRegistry(IRegistryStore store, TimeProvider clock, IdentifierAllowList? allowList = null, bool peers = false)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Access = new AccessRecorder(store, clock);
        Principals = new PrincipalService(store, clock, Access, allowList, peers);
        Policies = new PolicyService(store, clock, Access, peers);
        State = new StateService(store, clock, Policies, Access, allowList);
        Wake = new WakeSignal();
        Changes = new SubjectChanges();
        Intake = new IntakeService(store, clock, Policies, Access, allowList, Wake, Changes);
        IntakeHistory = new IntakeHistoryService(store, clock, Access);
        Series = new SeriesService(store, clock, Access, State);
        Subjects = new SubjectFileService(store, clock, Policies, Access, allowList);
        Decisions = new DecisionService(store, clock, Policies, Access, allowList);
        Public = new PublicService(store, clock, Policies, Access, State, allowList);
        Consent = new ConsentService(store, clock, Policies, Access, allowList, Changes);
        Shares = new ShareService(store, clock, Policies, Access, allowList);
        Disclosure = new DisclosureService(store, clock, Policies, Access, allowList);
        Disputes = new DisputeService(store, clock, Policies, Access, State, Intake, Wake, allowList, Changes);
        Repairs = new RepairService(store, clock, Policies, Access, State, allowList, Changes);
        Reviews = new ReviewService(store, clock, Policies, Access, State, Wake, allowList, Changes);
        Notices = new NoticeService(store, clock, Access, State, allowList);
        Scheduler = new DueProcessScheduler(store, clock, State, Wake);
        Fairness = new Fairness.FairnessService(store, clock, Policies, Access, allowList);
        Simulations = new Simulation.SimulationService(store, clock, Access, Policies, allowList);
    }

    /// <summary>Policy simulations and sign-offs (the two-person rule for activation).</summary>
    public Simulation.SimulationService Simulations { get; }

    public IRegistryStore Store { get; }

    public TimeProvider Clock { get; }

    public AccessRecorder Access { get; }

    public PrincipalService Principals { get; }

    public PolicyService Policies { get; }

    public StateService State { get; }

    public IntakeService Intake { get; }

    /// <summary>A source's intake history: its batches and their rejected lines.</summary>
    public IntakeHistoryService IntakeHistory { get; }

    /// <summary>The registry over time, for the operator's dashboard.</summary>
    public SeriesService Series { get; }

    public SubjectFileService Subjects { get; }

    public DecisionService Decisions { get; }

    public PublicService Public { get; }

    public ConsentService Consent { get; }

    public ShareService Shares { get; }

    public DisclosureService Disclosure { get; }

    /// <summary>Tells whoever holds subjects' files in memory that a committed write changed them, before it is acknowledged.</summary>
    public SubjectChanges Changes { get; }

    /// <summary>Wakes the scheduler when a write may bring a transition forward.</summary>
    public WakeSignal Wake { get; }

    public DisputeService Disputes { get; }

    public RepairService Repairs { get; }

    public ReviewService Reviews { get; }

    public NoticeService Notices { get; }

    public DueProcessScheduler Scheduler { get; }

    /// <summary>The fairness report of the policies in force (operators and auditors).</summary>
    public Fairness.FairnessService Fairness { get; }

    /// <summary>Opens the registry in the embedded store's database file at <paramref name="databasePath"/> (created and migrated as needed).</summary>
    public static CredenceRegistry Open(string databasePath, TimeProvider clock, IdentifierAllowList? allowList = null) =>
        Open(StoreChoice.File(databasePath), clock, allowList);

    /// <summary>Opens the registry in the store <paramref name="store"/> names (created and migrated as needed).</summary>
    /// <param name="batching">How the ledger's appends are batched (<c>Credence:Ledger</c>); the defaults when null.</param>
    /// <param name="peers">True for a silo of a cluster: other registries serve the same store (see the constructor).</param>
    public static CredenceRegistry Open(StoreChoice store, TimeProvider clock, IdentifierAllowList? allowList = null, Ledger.LedgerBatching? batching = null, bool peers = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new(store.Open(clock, batching), clock, allowList, peers);
    }

    /// <summary>
    /// The ledger's use cases over this registry's store, signing checkpoints with <paramref name="signer"/>
    /// under <paramref name="origin"/> every <paramref name="checkpointInterval"/> when the log grew.
    /// </summary>
    /// <remarks>
    /// Implementation note: every store keeps the ledger beside its rows (<see cref="IRegistryReader.Ledger"/>),
    /// so the service works over whichever store this registry runs on.
    /// </remarks>
    public Ledger.LedgerService Ledger(Credence.Ledger.Checkpoints.CheckpointSigner signer, string origin, TimeSpan checkpointInterval) =>
        new(Store, Clock, signer, origin, checkpointInterval, Access);

    /// <summary>Drains the writer (every acknowledged write is on disk) and closes the store.</summary>
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
