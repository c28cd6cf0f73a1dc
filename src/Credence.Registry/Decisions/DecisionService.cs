using System.Collections.Immutable;
using System.Diagnostics;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Policies;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;
using Credence.Registry.Telemetry;

namespace Credence.Registry.Decisions;

/// <summary>
/// Decisions: a relying party asks whether a subject may have a capability it is registered for.
/// The answer (allowed, denied by a restriction, or a benefit not granted; at most four reasons that
/// are its causes; the path forward; the policy version) is evaluated as of the request and stored durably before it is returned; the subject sees it in its file. A subject
/// with no records is decided too, on the policy's base score.
/// </summary>
public sealed class DecisionService
{
    private const string Action = "decision";

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;

    public DecisionService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>Decides <paramref name="measure"/> (a capability such as <c>rail.g-train.ticket</c>, or a measure id) for <paramref name="subjectText"/>.</summary>
    /// <remarks>Each call is counted, with its latency, under the decided capability and its answer, or as refused (<see cref="RegistryTelemetry"/>).</remarks>
    public async Task<Outcome<Decision>> DecideAsync(Principal relyingParty, string? subjectText, string? measure, CancellationToken cancellationToken = default) =>
        (await DecideAsync(relyingParty, subjectText, measure, null, cancellationToken).ConfigureAwait(false)).Decision;

    /// <summary>
    /// Decides as <see cref="DecideAsync(Principal, string?, string?, CancellationToken)"/> does, answering from
    /// <paramref name="held"/> (the subject's file as its holder keeps it in memory) instead of reading the file
    /// again, when it is the file of the subject asked about and lasts at the decision's instant. Returns the
    /// decision and the file to hold from now on (null: hold nothing).
    /// </summary>
    /// <remarks>
    /// Implementation note: the decision is still worked out, stored and ledgered inside its unit of work
    /// (the access checks and refusals are exactly those of a decision without a holder); only the reading of
    /// the file is saved. The file read by a unit is handed back only once the unit committed, so a holder
    /// never keeps what a rolled-back transaction saw. The holder must forget what it holds whenever the
    /// subject's file changes (<see cref="Subjects.SubjectChanges"/>), before that change is acknowledged.
    /// </remarks>
    public async Task<(Outcome<Decision> Decision, HeldFile? Held)> DecideAsync(Principal relyingParty, string? subjectText, string? measure, HeldFile? held, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = RegistryTelemetry.Activities.StartActivity("credence.decide");
        var (decided, next) = await DecideCoreAsync(relyingParty, subjectText, measure, held, cancellationToken).ConfigureAwait(false);
        var (tag, outcome) = decided.IsOk
            ? (decided.Value.Capability, decided.Value.Answer switch { DecisionAnswer.Allowed => "allowed", DecisionAnswer.Denied => "denied", _ => "not-granted" })
            : (RegistryTelemetry.NoMeasure, "refused");
        RegistryTelemetry.Decided(tag, outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("credence.measure", tag).SetTag("credence.outcome", outcome);
        return (decided, next);
    }

    /// <summary>
    /// The canonical subject a decision on <paramref name="subjectText"/> would be about, or null when the
    /// decision would be refused before it reaches a subject (the text missing, unreadable or not a valid
    /// identifier): what a holder of subjects' files is chosen by. Reads nothing and logs nothing.
    /// </summary>
    public SubjectId? SubjectOf(string? subjectText)
    {
        if (string.IsNullOrWhiteSpace(subjectText) || OutsideText.Identifier("subject", subjectText) is not null)
        {
            return null;
        }

        var check = SubjectIdentifiers.Check(subjectText, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), allowList);
        return check.IsValid ? check.Id : null;
    }

    private async Task<(Outcome<Decision>, HeldFile?)> DecideCoreAsync(Principal relyingParty, string? subjectText, string? measure, HeldFile? held, CancellationToken cancellationToken)
    {
        var decided = await RefuseOrDecideAsync(relyingParty, subjectText, measure, held, cancellationToken).ConfigureAwait(false);
        return decided.IsOk ? (decided.Value.Decision, decided.Value.Held) : (decided.Problem, held);
    }

    private async Task<Outcome<(Decision Decision, HeldFile? Held)>> RefuseOrDecideAsync(Principal relyingParty, string? subjectText, string? measure, HeldFile? held, CancellationToken cancellationToken)
    {
        if (await access.RequireAsync(relyingParty, Action, null, cancellationToken, Role.RelyingParty).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.First(OutsideText.Identifier("subject", subjectText), OutsideText.Identifier("measure", measure)) is { } unreadable)
        {
            return unreadable;
        }

        if (string.IsNullOrWhiteSpace(subjectText) || string.IsNullOrWhiteSpace(measure))
        {
            var field = string.IsNullOrWhiteSpace(subjectText) ? "subject" : "measure";
            return new RegistryProblem(ProblemTypes.MissingField, $"field '{field}' is required", field);
        }

        var now = clock.GetUtcNow();
        var check = SubjectIdentifiers.Check(subjectText, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return new RegistryProblem(ProblemTypes.InvalidIdentifier, $"invalid identifier: {check.Rule}: {check.Reason}", "subject");
        }

        var subject = check.Id!.Value;
        if (await policies.ActiveAtAsync(subject.Kind, now, cancellationToken).ConfigureAwait(false) is not { } policy)
        {
            return new RegistryProblem(ProblemTypes.NoActivePolicy, $"no policy is active for {subject.Kind.ToString().ToLowerInvariant()} subjects");
        }

        measure = measure.Trim();
        var capability = policy.Policy.FindMeasure(measure)?.Capability
            ?? (policy.Policy.Measures.Any(m => m.Capability == measure) ? measure : null);
        if (capability is null)
        {
            return new RegistryProblem(ProblemTypes.UnknownMeasure, $"'{measure}' is neither a measure nor a capability of {policy.Tag}", "measure");
        }

        if (!Permitted(relyingParty, policy, measure, capability))
        {
            return await access.RefuseAsync(relyingParty, Action, subject.Value,
                new RegistryProblem(ProblemTypes.MeasureNotPermitted, $"relying party '{relyingParty.Name}' is not registered to ask about {capability}", "measure"),
                cancellationToken).ConfigureAwait(false);
        }

        // A decision only reads the subject's file (it inserts the decision, and a denial's notice):
        // the store may read the files of decisions queued together at once.
        // A file held for another subject (a holder's mistake) is never used.
        var usable = held is not null && held.File.Subject == subject ? held : null;
        Func<IRegistryWriter, (Decision, HeldFile?)> decide = w => Decide(w, relyingParty, subject, policy, measure, capability, w.Now, usable);
        return await (usable is not null && usable.LastsAt(now) ? store.WriteHoldingAsync(subject, decide, cancellationToken) : store.WriteAsync(subject, decide, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Evaluates and stores one decision inside its unit of work: the subject's file is read, the
    /// answer worked out and the decision (with an adverse decision's notice) written in one step.
    /// </summary>
    /// <remarks>
    /// Implementation note: deciding inside the writer rather than on a read connection first has
    /// two reasons. It is exact: the answer rests on precisely the state its ledger entry follows,
    /// with no record committed between the read and the write. And it is cheaper: in WAL mode a
    /// read connection drops its whole page cache whenever anything was committed, so under load
    /// every read started cold, while the writer's cache and its memory of subjects' records stay
    /// warm across its own commits. Evaluating a subject is a few microseconds of pure code.
    /// </remarks>
    private static (Decision, HeldFile?) Decide(IRegistryWriter w, Principal relyingParty, SubjectId subject, ActivePolicy policy, string measure, string capability, DateTimeOffset now, HeldFile? held)
    {
        SubjectFacts facts;
        var (file, current) = HeldFile.Current(w, subject, now, held);
        (facts, held) = current is null ? (SubjectFacts.Compile(policy.Compiled, file), null) : current.FactsUnder(policy);

        var consent = Consents.At(w, policy, subject.Value, now);
        Assessment? assessment = null;
        var answer = PlainAllowance(policy, facts, capability, now, consent);
        if (answer is null)
        {
            assessment = Explainer.Assess(facts, now, consent);
            answer = Decider.Decide(assessment, policy.Policy, capability)!;
        }

        var decision = new Decision(
            Guid.CreateVersion7(now),
            subject.Value,
            relyingParty.Id,
            relyingParty.Name,
            relyingParty.Purpose,
            measure,
            capability,
            answer.Answer,
            [.. answer.Reasons.Select(r => new DecisionReason(r.Code, r.Text, [.. r.Records.Select(k => k.ToString())]))],
            answer.Measures,
            answer.PolicyVersion,
            now,
            answer.Forward.IsDefault ? [] : answer.Forward);
        w.InsertDecision(decision);
        var index = w.LastLedgerIndex;

        // A denial or a benefit not granted is announced to the subject in the decision's own
        // transaction (each with its own kind: only a denial is an adverse action); an allowed one
        // costs nothing more.
        if (assessment is not null && NoticeComposer.ForDecision(assessment, answer, relyingParty.Name, decision.Id.ToString("D")) is { } notice)
        {
            CaseWork.Notify(w, notice);
        }

        return (decision with { LedgerIndex = index >= 0 ? index : null }, held);
    }

    /// <summary>A decision by id, for the relying party that asked for it.</summary>
    public async Task<Outcome<Decision>> FindAsync(Principal relyingParty, Guid id, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(relyingParty, "decision.read", null, cancellationToken, Role.RelyingParty).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var decision = await store.ReadAsync(r => r.FindDecision(id), cancellationToken).ConfigureAwait(false);
        return decision is not null && decision.PrincipalId == relyingParty.Id
            ? decision
            : new RegistryProblem(ProblemTypes.NotFound, $"no decision {id} was made for relying party '{relyingParty.Name}'");
    }

    /// <summary>Whether a decision was found affected (taken while a wrong record counted), and how; null when it was not.</summary>
    public Task<DecisionMark?> MarkOfAsync(Guid decisionId, CancellationToken cancellationToken = default) =>
        store.ReadAsync(r => r.FindDecisionMark(decisionId), cancellationToken);

    /// <summary>
    /// The relying party's own decisions found affected since <paramref name="after"/>, oldest mark
    /// first, each with the decision as it was given: how a relying party is told that an answer it
    /// relied on rested on a record since withdrawn, corrected or removed.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<(Decision Decision, DecisionMark Mark)>>> AffectedAsync(Principal relyingParty, DateTimeOffset? after, int limit, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(relyingParty, "decision.affected", null, cancellationToken, Role.RelyingParty).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var since = after ?? DateTimeOffset.MinValue;
        var found = await store.ReadAsync(r =>
        {
            var result = new List<(Decision, DecisionMark)>();
            foreach (var mark in r.RelyingPartyMarks(relyingParty.Name, since, Math.Clamp(limit, 1, 1000)))
            {
                if (r.FindDecision(mark.DecisionId) is { } decision && decision.PrincipalId == relyingParty.Id)
                {
                    result.Add((decision, mark));
                }
            }

            return (IReadOnlyList<(Decision, DecisionMark)>)result;
        }, cancellationToken).ConfigureAwait(false);

        // Each subject whose marks the relying party reads sees that read in its access log.
        var now = clock.GetUtcNow();
        await store.WriteAsync(w =>
        {
            foreach (var subject in found.Select(f => f.Item1.Subject).Distinct(StringComparer.Ordinal))
            {
                w.AppendAccess(AccessEvent.By(relyingParty, now, "decision.affected.read", subject, relyingParty.Purpose));
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(found);
    }

    /// <summary>
    /// The decision when it is a plain "allowed": no restriction on the capability is triggered, and
    /// where the policy grants it as a reward, a grant is. Null otherwise: a denial needs its reasons,
    /// which only the full assessment gives.
    /// </summary>
    /// <remarks>
    /// Implementation note: most decisions are plain allowances, and the allocation-free engine answers
    /// them without building an explanation. This follows <see cref="Decider"/> rule for rule (its
    /// measures are the policy's, in policy order); a test checks that both always agree.
    /// </remarks>
    internal static CapabilityDecision? PlainAllowance(ActivePolicy policy, SubjectFacts facts, string capability, DateTimeOffset now, bool consent)
    {
        var summary = ScoringEngine.Evaluate(facts, now, consent);
        var measures = policy.Policy.Measures;
        bool grants = false, granted = false;
        var ids = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            if (m.Capability != capability)
            {
                continue;
            }

            ids.Add(m.Id);
            if (m.Effect == MeasureEffect.Restrict && summary.IsTriggered(i))
            {
                return null;
            }

            if (m.Effect == MeasureEffect.Grant)
            {
                grants = true;
                granted |= summary.IsTriggered(i);
            }
        }

        return ids.Count == 0 || grants && !granted ? null : new CapabilityDecision(capability, DecisionAnswer.Allowed, [], ids.ToImmutable(), policy.Tag, []);
    }

    private static bool Permitted(Principal relyingParty, ActivePolicy policy, string measure, string capability) =>
        relyingParty.Capabilities.Any(c => c == measure || c == capability || policy.Policy.FindMeasure(c)?.Capability == capability);
}
