using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Acts on a subject's time-driven transitions that fell due since it was last evaluated: open
/// disputes reaching their deadline are resolved for the subject (exactly at the deadline), and
/// approaching expiries are announced. Listings ending and effects ending need no act of their own:
/// the re-scoring that follows ends the listings at their exact instants and tells the subject.
/// </summary>
/// <remarks>
/// Implementation note: <see cref="SubjectScorer"/> calls this before every re-scoring of a subject
/// whose review time has come, with the subject's last evaluation as <c>after</c>. So the
/// transitions are acted on whoever re-scores first (the scheduler, an intake, a public lookup), each
/// exactly once, and all of it is derived from stored state: a restart loses nothing. The review
/// time is the earliest of every instant at which a transition can fall due (see
/// <see cref="ReviewTimes"/>), so a subject not yet due has none pending.
/// </remarks>
internal static class DueTransitions
{
    public static void Act(IRegistryWriter writer, SubjectId subject, ActivePolicy policy, DateTimeOffset after, DateTimeOffset now)
    {
        var facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Load(writer, subject));
        var disputes = writer.SubjectDisputes(subject.Value);
        var due = Transitions.Due(facts, disputes.Select(d => d.ToDispute(subject)), after, now, Consents.At(writer, policy, subject.Value, after));
        var i = 0;
        while (i < due.Length)
        {
            var at = due[i].At;
            var changed = false;
            for (; i < due.Length && due[i].At == at; i++)
            {
                var t = due[i];
                switch (t.Kind)
                {
                    case TransitionKind.DisputeDue when disputes.FirstOrDefault(d => d.Id == t.Dispute) is { } dispute:
                        changed |= CaseWork.ResolveOverdue(writer, subject, policy, dispute, now);
                        break;
                    case TransitionKind.ExpiryApproaching:
                        CaseWork.Notify(writer, NoticeComposer.ExpiryApproaching(subject, policy.Tag, t));
                        break;
                }
            }

            if (changed)
            {
                // The file changed at this instant: what follows is worked out again from it.
                facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Load(writer, subject));
                disputes = writer.SubjectDisputes(subject.Value);
                due = Transitions.Due(facts, disputes.Select(d => d.ToDispute(subject)), at, now, Consents.At(writer, policy, subject.Value, at));
                i = 0;
            }
        }
    }
}
