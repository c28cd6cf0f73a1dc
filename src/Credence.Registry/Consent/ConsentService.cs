using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry.Consent;

/// <summary>
/// A subject's consent to scoring: read, given or withdrawn with its own key. Each change is
/// appended to the subject's consent history, logged (<c>consent.give</c> or
/// <c>consent.withdraw</c>, hence ledgered) and applied in the same unit of work: the subject is
/// re-scored at once, so its stored state and listings never lag behind its consent.
/// </summary>
/// <remarks>
/// Implementation note: the history is append-only and the consent in force at an instant is the
/// latest change at or before it, so an outcome as of any past instant (the disclosure's score
/// history) is exact. A request that would not change the consent in force (giving consent
/// already given, or withdrawing consent never given) appends nothing to the history; it is still
/// logged, and answered with <see cref="ConsentView.Changed"/> false. Under a policy that does not
/// require consent a change is recorded all the same (a later policy may require it), and the
/// answer says that it changes nothing now.
/// </remarks>
public sealed class ConsentService
{
    public const string GiveAction = "consent.give";
    public const string WithdrawAction = "consent.withdraw";
    private const string ReadAction = "consent.read";

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;
    private readonly Subjects.SubjectChanges? changes;

    public ConsentService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null, Subjects.SubjectChanges? changes = null)
    {
        this.changes = changes;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>The consent of the subject a subject key is bound to, with its history (the read is logged).</summary>
    public async Task<Outcome<ConsentView>> ReadAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, ReadAction, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var now = clock.GetUtcNow();

        await access.RecordAsync(AccessEvent.By(subject, now, ReadAction, own.Value.Value, "own consent"), cancellationToken).ConfigureAwait(false);
        var policy = await policies.ActiveAtAsync(own.Value.Kind, now, cancellationToken).ConfigureAwait(false);
        return await store.ReadAsync(r => View(r, own.Value, policy, now, changed: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives (<paramref name="given"/> true) or withdraws consent for the subject a subject key is bound to.</summary>
    public async Task<Outcome<ConsentView>> SetAsync(Principal subject, bool given, CancellationToken cancellationToken = default)
    {
        var action = given ? GiveAction : WithdrawAction;
        var own = await access.RequireOwnSubjectAsync(subject, action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var now = clock.GetUtcNow();

        var id = own.Value;
        var policy = await policies.ActiveAtAsync(id.Kind, now, cancellationToken).ConfigureAwait(false);
        var set = await store.WriteAsync(w =>
        {
            var changed = w.ConsentAt(id.Value, now) != given;
            if (changed)
            {
                w.InsertConsent(new ConsentChange(0, id.Value, given, now, subject.Name));

                // Only a subject the registry holds an outcome for has stored state to bring in line.
                if (policy is not null && w.FindSubjectState(id.Value) is not null)
                {
                    SubjectScorer.Rescore(w, id, policy);
                }
            }

            var view = View(w, id, policy, now, changed);
            w.AppendAccess(AccessEvent.By(subject, now, action, id.Value, "own consent",
                detail: (changed ? (given ? "consent given" : "consent withdrawn") : (given ? "consent was already given; nothing changed" : "consent was not given; nothing changed")) + "; " + view.Effect));
            return view;
        }, cancellationToken).ConfigureAwait(false);
        if (set.Changed && changes is not null)
        {
            await changes.ChangedAsync(id.Value, cancellationToken).ConfigureAwait(false);
        }

        return set;
    }

    private static ConsentView View(IRegistryReader reader, SubjectId subject, ActivePolicy? policy, DateTimeOffset now, bool changed)
    {
        var history = reader.ConsentHistory(subject.Value);
        var current = history.LastOrDefault(c => c.At <= now);
        var given = current?.Given ?? false;
        if (policy is null)
        {
            return new ConsentView(subject.Value, now, given, current?.At, changed, null, null,
                $"no policy is active for {(subject.Kind == SubjectKind.Person ? "persons" : "organisations")}; the consent is recorded and applies once one is",
                null, null, null, [.. history]);
        }

        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFile.Create(subject, reader.SubjectRecords(subject)));
        var summary = ScoringEngine.Evaluate(facts, now, given);
        var scored = summary.Status == ScoreStatus.Scored;
        var required = policy.Policy.ConsentRequired;
        var effect = !required
            ? $"{policy.Tag} does not require consent for scoring: the consent is recorded but changes nothing under it"
            : given
                ? $"{policy.Tag} scores only subjects who consent: with consent there is a score, a grade and rewards"
                : $"{policy.Tag} scores only subjects who consent: without consent there is no score, no grade and no reward; listings resting on legal decisions still apply";
        return new ConsentView(subject.Value, now, given, current?.At, changed, required, policy.Tag, effect,
            summary.Status, scored ? summary.Score : null, summary.GradeIndex >= 0 ? policy.Policy.Grades[summary.GradeIndex].Name : null, [.. history]);
    }
}
