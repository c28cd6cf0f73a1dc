using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Scoring;

namespace Credence.Core.DueProcess;

/// <summary>
/// The time-driven transitions of one subject: listings and effects ending, disputes reaching their
/// deadline, repairs opening, and advance notices of expiry. A pure function of stored state, so a
/// scheduler sleeps until <see cref="NextAt"/>, and after a restart simply computes them again.
/// </summary>
/// <remarks>
/// Implementation note: transitions are computed from the state as of <c>after</c> (the instant up
/// to which the scheduler has already acted, which it stores) and listed when
/// <c>after &lt; At &lt;= until</c>. The scheduler wakes at <see cref="NextAt"/>, acts on everything
/// due up to now, and stores now as its new <c>after</c>. Because a listing that ends at X is already
/// gone in a view as of X, the view must be taken before the transitions, not at them. Changes of
/// state (new records, disputes, repairs) are not transitions: the registry recomputes on them.
/// Transitions are read from the parts an assessment is built of (<c>Explainer.Basis</c>, and the
/// path forward's expiries and repair openings), without the key reasons or the next-grade search
/// that only an explanation needs: the scheduler works them out for every subject that falls due.
/// </remarks>
public static class Transitions
{
    /// <summary>Days before an expiry at which the subject is told it is approaching.</summary>
    public const int NoticeDays = 7;

    /// <summary>The transitions with <c>after &lt; At &lt;= until</c>, in order of their instants.</summary>
    /// <param name="subject">The subject's facts under the policy.</param>
    /// <param name="disputes">The subject's disputes (open ones count; others are ignored).</param>
    /// <param name="after">The instant up to which transitions were already acted on.</param>
    /// <param name="until">The horizon.</param>
    /// <param name="consent">Whether the subject consents to scoring.</param>
    public static ImmutableArray<Transition> Due(SubjectFacts subject, IEnumerable<Dispute> disputes, DateTimeOffset after, DateTimeOffset until, bool consent)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var t = after.UtcTicks;
        var (_, counted, listings) = Explainer.Basis(subject, t, consent);
        var all = new List<Transition>();
        foreach (var l in listings.Where(l => l.Until is { } u && u != DateTimeOffset.MaxValue))
        {
            var end = l.Until!.Value;
            all.Add(new Transition(TransitionKind.ListingEnds, end, l.Records.IsDefaultOrEmpty ? null : l.Records[0], l.List));
            all.Add(new Transition(TransitionKind.ExpiryApproaching, end.AddDays(-NoticeDays), null, l.List, EndsAt: end));
        }

        foreach (var e in PathFinder.Expiries(counted))
        {
            all.Add(new Transition(TransitionKind.EffectEnds, e.At, e.Record));
            all.Add(new Transition(TransitionKind.ExpiryApproaching, e.At.AddDays(-NoticeDays), e.Record, EndsAt: e.At));
        }

        foreach (var r in PathFinder.Repairs(subject, t))
        {
            all.Add(new Transition(TransitionKind.RepairOpens, r.OpensAt, r.Record));
        }

        foreach (var d in disputes.Where(d => d.IsOpen && d.Subject == subject.Subject))
        {
            all.Add(new Transition(TransitionKind.DisputeDue, d.DueAt, d.Record, Dispute: d.Id));
        }

        return [.. all
            .Where(t => t.At > after && t.At <= until)
            .OrderBy(t => t.At)
            .ThenBy(t => t.Kind)
            .ThenBy(t => t.Record?.ToString(), StringComparer.Ordinal)
            .ThenBy(t => t.List, StringComparer.Ordinal)];
    }

    /// <summary>The earliest transition after <paramref name="after"/>, or null when none is pending.</summary>
    public static DateTimeOffset? NextAt(SubjectFacts subject, IEnumerable<Dispute> disputes, DateTimeOffset after, bool consent)
    {
        var due = Due(subject, disputes, after, DateTimeOffset.MaxValue, consent);
        return due.IsEmpty ? null : due[0].At;
    }
}
