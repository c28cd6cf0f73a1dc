using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Storage;
using Credence.Registry.Telemetry;

namespace Credence.Registry.Intake;

/// <summary>
/// Intake: a source submits, corrects and withdraws records. Every line gets a fate; the accepted
/// lines of one submission are stored in one transaction together with the re-scored state and
/// listings of every subject they touch, so nothing is half-applied, and the call returns once
/// that transaction is durable.
/// </summary>
/// <remarks>
/// <para>
/// Checks that need only the line, the clock and the policy run on the caller's thread; checks that
/// need the store (idempotency, the correction chain) run inside the writer, where they cannot race
/// another submission. The registry stamps the report time and takes the source from the key.
/// </para>
/// <para>
/// Idempotency: a record version is identified by (source, source record id, version). The same
/// payload again is a <c>duplicate</c> and changes nothing; a different payload under a stored
/// version is a <c>conflict</c>. A correction or withdrawal (version n+1) needs version n under the
/// same key, hence from the same source: no other source can correct or withdraw a record.
/// </para>
/// </remarks>
public sealed class IntakeService
{
    private const string Action = "records.submit";

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;

    private readonly WakeSignal? wake;
    private readonly Subjects.SubjectChanges? changes;

    public IntakeService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null, WakeSignal? wake = null, Subjects.SubjectChanges? changes = null)
    {
        this.changes = changes;
        this.wake = wake;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>Submits one record. A rejected line comes back as the problem; accepted and duplicate lines as their fate.</summary>
    public async Task<Outcome<RecordFate>> SubmitAsync(Principal source, RecordLine line, CancellationToken cancellationToken = default)
    {
        var batch = await SubmitAsync(source, [new NumberedLine(1, line, null)], cancellationToken).ConfigureAwait(false);
        if (!batch.IsOk)
        {
            return batch.Problem;
        }

        var fate = batch.Value.Fates[0];
        return fate.Problem is { } p ? new RegistryProblem(p.Type, p.Message, p.Field) : fate;
    }

    /// <summary>Submits one batch of parsed lines, numbered from 1 (a stream of batches goes through <see cref="SubmitInOrderAsync"/>).</summary>
    public Task<Outcome<BatchResult>> SubmitBatchAsync(Principal source, IReadOnlyList<RecordLine> lines, CancellationToken cancellationToken = default) =>
        SubmitAsync(source, NumberedLine.All(lines), cancellationToken);

    /// <summary>Submits numbered lines, some of which may have failed to parse (their problem becomes their fate).</summary>
    public async Task<Outcome<BatchResult>> SubmitAsync(Principal source, IReadOnlyList<NumberedLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return await Enqueue(source, NewBatchId(), lines, schedule, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Submits a stream of chunks in order, with up to <paramref name="inFlight"/> of them waiting
    /// for their commit while the next are checked, and hands each chunk's durable result to
    /// <paramref name="each"/> in order. Returns the number of lines submitted, or the refusal.
    /// </summary>
    /// <remarks>
    /// Implementation note: each chunk is checked and queued for the writer before the next one is
    /// read, on this one caller, and the store runs units of work in the order they were queued; so
    /// a correction in a later chunk always finds the version an earlier chunk stored, exactly as if
    /// every chunk had been awaited in turn. The overlap buys two things: the caller checks chunk
    /// k+1 while the writer stores chunk k, and chunks queued together commit in one durable
    /// transaction (one fsync). A result reaches <paramref name="each"/> only once it is durable.
    /// </remarks>
    public async Task<Outcome<long>> SubmitInOrderAsync(Principal source, IEnumerable<IReadOnlyList<NumberedLine>> chunks, Action<BatchResult> each, int inFlight = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(each);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var pending = new Queue<Task<BatchResult>>(inFlight);
        var submitted = 0L;
        var batchId = NewBatchId();
        try
        {
            foreach (var chunk in chunks)
            {
                if (pending.Count == inFlight)
                {
                    each(await pending.Dequeue().ConfigureAwait(false));
                }

                // The policies are read before the chunk is checked, so that checking and queueing stay one synchronous step.
                var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
                pending.Enqueue(Enqueue(source, batchId, chunk, schedule, cancellationToken));
                submitted += chunk.Count;
            }

            while (pending.Count > 0)
            {
                each(await pending.Dequeue().ConfigureAwait(false));
            }
        }
        finally
        {
            // A failure stops the stream; the chunks already queued still commit (or fail) on their own.
            await Task.WhenAll(pending).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        return submitted;
    }

    /// <summary>
    /// Checks the lines on the caller and queues the accepted candidates for the writer before it
    /// returns (the store queues a unit of work synchronously), so call order is store order.
    /// </summary>
    /// <remarks>
    /// Implementation note: <c>now</c> here only bounds the lines (nothing in the future, the policy in
    /// force); the records are reported, and their subjects re-scored, at the unit's instant, which
    /// the store takes in commit order (see <see cref="IntakeWork.Store"/>). A large batch checked
    /// while a single record for one of its subjects commits can therefore never re-score that
    /// subject as of a moment before the record counted.
    /// <para>
    /// Implementation note: every chunk goes to the writer, even one whose lines were all refused
    /// before it, because the source's intake history (<see cref="IntakeBatch"/>) is written in the same
    /// unit of work as the records: a batch is in the history exactly when its accepted lines are stored.
    /// </para>
    /// </remarks>
    private Task<BatchResult> Enqueue(Principal source, string batchId, IReadOnlyList<NumberedLine> lines, PolicySchedule schedule, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var active = schedule.ActiveAll(now);
        var activePolicies = active.Select(a => a.Policy).ToList();
        var fates = new RecordFate[lines.Count];
        var candidates = new List<Candidate>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (fate, record) = Check(source, lines[i], now, active, activePolicies);
            if (fate is not null)
            {
                fates[i] = fate;
            }
            else
            {
                candidates.Add(new Candidate(i, lines[i].Number, record!, active.First(a => a.Policy.Subjects == record!.Subject.Kind)));
            }
        }

        return Store(fates, candidates);

        async Task<BatchResult> Store(RecordFate[] fates, List<Candidate> candidates)
        {
            var written = store.WriteDeferringAsync(w =>
            {
                var (stored, changed) = candidates.Count == 0 ? ([], Array.Empty<string>()) : IntakeWork.Apply(w, source, candidates);
                foreach (var (index, fate) in stored)
                {
                    fates[index] = fate;
                }

                // The batch's history, in the same unit of work as its records.
                w.RecordIntakeBatch(IntakeBatchPart.Of(batchId, source.Name, fates));
                return (stored.Count, changed);
            }, cancellationToken);
            var (count, changed) = await written.ConfigureAwait(false);
            if (count > 0)
            {
                wake?.Set();
            }

            // Before the batch is acknowledged, whoever holds these subjects' files forgets them. A duplicate
            // is told too: it may be the retry of a batch whose first telling failed after its commit.
            if (changes is not null)
            {
                await changes.ChangedDistinctAsync(changed, cancellationToken).ConfigureAwait(false);
            }

            RegistryTelemetry.Taken(source.Name, fates);
            return new BatchResult([.. fates]);
        }
    }

    /// <summary>A new batch's id: time-ordered, like the registry's other ids.</summary>
    private string NewBatchId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("D");

    /// <summary>
    /// The checks of one line that need no store (parsing, the policy's intake rules, what the source
    /// may submit), for a version that is stored with another step (a source's answer to a dispute);
    /// the caller stores the candidate with <see cref="IntakeWork.Store"/> inside its unit of work.
    /// </summary>
    internal (IntakeProblem? Problem, Candidate? Candidate) CheckOne(Principal source, RecordLine line, PolicySchedule schedule, DateTimeOffset now)
    {
        var active = schedule.ActiveAll(now);
        var (fate, record) = Check(source, new NumberedLine(1, line, null), now, active, [.. active.Select(a => a.Policy)]);
        return fate is not null
            ? (fate.Problem, null)
            : (null, new Candidate(0, 1, record!, active.First(a => a.Policy.Subjects == record!.Subject.Kind)));
    }

    private (RecordFate? Fate, Record? Record) Check(Principal source, NumberedLine numbered, DateTimeOffset now, IReadOnlyList<ActivePolicy> active, List<Core.Policies.Policy> activePolicies)
    {
        RecordFate Reject(IntakeProblem problem, RecordLine? line = null) =>
            new(numbered.Number, FateKind.Rejected, line?.SourceRecordId is { } id ? new RecordKey(source.Name, id).ToString() : null, line?.Version ?? (line is null ? null : 1), problem);

        if (numbered.Line is not { } line)
        {
            return (Reject(numbered.Problem ?? new IntakeProblem(ProblemTypes.MalformedJson, string.Empty, "the line is not a record")), null);
        }

        if (line.Source is { } named && named != source.Name)
        {
            return (Reject(new IntakeProblem(ProblemTypes.Forbidden, "source", $"the line names source '{named}', and this key is for source '{source.Name}'; a source submits only its own records"), line), null);
        }

        var record = RecordLineParser.ToRecord(line, now, out var problem, source.Name, now, allowList);
        if (record is null)
        {
            return (Reject(problem!, line), null);
        }

        if (!active.Any(a => a.Policy.Subjects == record.Subject.Kind))
        {
            return (Reject(new IntakeProblem(ProblemTypes.NoActivePolicy, "subject", $"no policy is active for {record.Subject.Kind.ToString().ToLowerInvariant()} subjects; records about them cannot be taken in yet"), line), null);
        }

        if (IntakeRules.Check(record, activePolicies) is { } rule)
        {
            return (Reject(rule, line), null);
        }

        if (record.Action != RecordAction.Withdrawn && !source.MaySubmit(record.Type))
        {
            return (Reject(new IntakeProblem(ProblemTypes.TypeNotPermitted, "type", $"source '{source.Name}' is not registered to submit '{record.Type}' records"), line), null);
        }

        return (null, record);
    }
}
