using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;

namespace Credence.Core.DueProcess;

/// <summary>
/// Writes the notices of due process in plain language: each names its reasons with stable codes,
/// the policy version, and what the subject can do next, with dates.
/// </summary>
/// <remarks>
/// Implementation note: instants are written in UTC ("u" format) so that a notice reads the same
/// wherever it is shown; the registry's front end may render them in the subject's time zone.
/// </remarks>
public static partial class NoticeComposer
{
    /// <summary>The subject was put on a list.</summary>
    public static Notice Listed(Assessment assessment, Listing listing)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(listing);
        var until = listing.Until is { } u && u != DateTimeOffset.MaxValue ? $" until {u:u} unless it ends earlier" : string.Empty;
        ImmutableArray<NextStep> steps = listing.Kind == Policies.ListKind.Redlist
            ? [new NextStep("none", "Nothing: rewards granted through this list apply while you are on it.")]
            : WaysBack(assessment, listing.Records, [listing.List]);
        return new Notice(
            NoticeKind.Listed,
            listing.Since ?? assessment.AsOf,
            assessment.Subject,
            assessment.PolicyVersion,
            $"You are on the {listing.Name}{until}",
            [new NoticeReason($"LISTED.{listing.List}", listing.Basis)],
            steps,
            NoticeAbout.Listing(listing.List));
    }

    /// <summary>The subject came off a list.</summary>
    /// <param name="why">Why the listing ended, e.g. "its two-year term ended".</param>
    /// <param name="wayBack">For a redlist left (a reward lost), the way back onto it (<see cref="WayBackOnto"/>); nothing is needed after a blacklist.</param>
    public static Notice Delisted(SubjectId subject, string policyVersion, string list, string listName, DateTimeOffset at, string why, ImmutableArray<NextStep> wayBack = default) => new(
        NoticeKind.Delisted,
        at,
        subject,
        policyVersion,
        $"You are no longer on the {listName}",
        [new NoticeReason($"DELISTED.{list}", why)],
        wayBack.IsDefaultOrEmpty ? [new NextStep("none", "Nothing: measures that rested on this listing no longer apply.")] : wayBack,
        NoticeAbout.Listing(list));

    /// <summary>What would put the subject back on <paramref name="list"/> (a redlist it left), as next steps.</summary>
    public static ImmutableArray<NextStep> WayBackOnto(Scoring.SubjectFacts facts, DateTimeOffset at, bool consent, string list)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (reasons, forward) = MeasureReasons.ListEntry(facts, at.UtcTicks, consent, list);
        var records = reasons.SelectMany(r => r.Records).Distinct();
        return [.. forward.Select(Step).Concat(records.Select(Dispute))];
    }

    /// <summary>A dispute was opened: the record is flagged and the source must answer by the deadline.</summary>
    /// <param name="countsWhileDisputed">Whether the record's type keeps counting while disputed.</param>
    public static Notice DisputeOpened(Dispute dispute, string policyVersion, bool countsWhileDisputed)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var effect = countsWhileDisputed
            ? "Its type keeps counting while disputed, as the policy says."
            : "It does not count while the dispute is open.";
        return new Notice(
            NoticeKind.DisputeOpened,
            dispute.OpenedAt,
            dispute.Subject,
            policyVersion,
            $"Your dispute of record {dispute.Record} is open",
            [new NoticeReason("DISPUTE.OPEN", $"You said: {dispute.Reason}. {effect}")],
            [new NextStep("wait", $"{dispute.Source} must answer before {dispute.DueAt:u}; if it does not, the dispute is resolved for you and the record stops counting.", Until: dispute.DueAt)],
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>The source answered a dispute.</summary>
    public static Notice DisputeAnswered(Dispute dispute, string policyVersion)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var answer = dispute.Answer ?? throw new ArgumentException($"dispute {dispute.Id} has no answer", nameof(dispute));
        var (title, steps) = answer.Kind switch
        {
            DisputeAnswerKind.Verify => ($"{dispute.Source} verified record {dispute.Record}", VerifiedSteps(dispute)),
            DisputeAnswerKind.Correct => ($"{dispute.Source} corrected record {dispute.Record}", [new NextStep("dispute", "Your score, grade, listings and measures were recomputed with the corrected record, and decisions taken with the wrong one are marked as affected. If the corrected record is still wrong, dispute it again.")]),
            _ => ($"{dispute.Source} withdrew record {dispute.Record}", ImmutableArray.Create(new NextStep("none", "The record no longer counts; decisions taken while it counted are marked as affected."))),
        };
        return new Notice(
            NoticeKind.DisputeAnswered,
            dispute.ClosedAt ?? dispute.OpenedAt,
            dispute.Subject,
            policyVersion,
            title,
            [new NoticeReason($"DISPUTE.{dispute.State.ToString().ToUpperInvariant()}", answer.Reason)],
            steps,
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>An unanswered dispute was resolved for the subject at its deadline.</summary>
    public static Notice DisputeResolvedForSubject(Dispute dispute, string policyVersion)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new Notice(
            NoticeKind.DisputeResolvedForSubject,
            dispute.DueAt,
            dispute.Subject,
            policyVersion,
            $"Your dispute of record {dispute.Record} was resolved in your favour",
            [new NoticeReason("DISPUTE.UNANSWERED", $"{dispute.Source} did not answer before {dispute.DueAt:u}; the record stops counting from then, and {dispute.Source} has been told.")],
            [new NextStep("none", "Nothing: your score, grade, listings and measures were recomputed without the record.")],
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>A repair application was decided: granted, or refused with each unmet criterion and when it can be met.</summary>
    /// <param name="repairId">The repair application's id, which the notice names (and an appeal cites).</param>
    public static Notice RepairDecided(SubjectId subject, RepairAssessment assessment, string repairId)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Eligible)
        {
            return new Notice(
                NoticeKind.RepairGranted,
                assessment.At,
                subject,
                assessment.PolicyVersion,
                $"Repair of record {assessment.Record} granted",
                [new NoticeReason("REPAIR.GRANTED", $"the minimum period was served and record {assessment.FulfilledBy} shows the obligation fulfilled; the record stops counting from {assessment.At:u}")],
                [new NextStep("none", "Nothing: your score, grade, listings and measures were recomputed.")],
                NoticeAbout.Repair(repairId));
        }

        var steps = new List<NextStep>();
        var served = assessment.Unmet.FirstOrDefault(u => u.Code == "minimum-period-not-served")?.MetAt;
        if (assessment.Unmet.Any(u => u.Code == "obligation-not-fulfilled"))
        {
            steps.Add(new NextStep("fulfil-obligation", $"Fulfil the obligation; the repair needs a record of {string.Join(" or ", assessment.NeedsOneOf)} from its source."));
        }

        if (assessment.OpensAt is not null)
        {
            steps.Add(new NextStep("apply-for-repair", "Apply again once every criterion is met.", served));
        }

        steps.Add(new NextStep("appeal", $"If you think the rules were misapplied, appeal application {repairId} once to a reviewer."));
        return new Notice(
            NoticeKind.RepairRefused,
            assessment.At,
            subject,
            assessment.PolicyVersion,
            $"Repair of record {assessment.Record} refused",
            [.. assessment.Unmet.Select(u => new NoticeReason(u.Code, u.Text))],
            [.. steps],
            NoticeAbout.Repair(repairId));
    }

    /// <summary>A refusal was appealed.</summary>
    public static Notice Appealed(SubjectId subject, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return new Notice(
            NoticeKind.RepairAppealed,
            appeal.FiledAt,
            subject,
            appeal.Refusal.PolicyVersion,
            $"Your appeal on the repair of record {appeal.Record} is with a reviewer",
            [new NoticeReason("APPEAL.FILED", $"You said: {appeal.Grounds}")],
            [new NextStep("wait", "A reviewer will decide, with written reasons. A refusal can be appealed only once.")],
            NoticeAbout.Appeal(appeal.Id));
    }

    /// <summary>A reviewer decided an appeal.</summary>
    public static Notice AppealDecided(SubjectId subject, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var granted = appeal.State == AppealState.Granted;
        ImmutableArray<NextStep> steps = granted
            ? [new NextStep("none", "Nothing: the record stops counting and your outcome was recomputed.")]
            : AfterDismissal(appeal);
        return new Notice(
            NoticeKind.AppealDecided,
            appeal.DecidedAt ?? appeal.FiledAt,
            subject,
            appeal.Refusal.PolicyVersion,
            granted ? $"Appeal allowed: repair of record {appeal.Record} granted" : $"Appeal dismissed: the refusal to repair record {appeal.Record} stands",
            [new NoticeReason(granted ? "APPEAL.GRANTED" : "APPEAL.UPHELD", $"{appeal.Reviewer}: {appeal.Reason}")],
            steps,
            NoticeAbout.Appeal(appeal.Id));
    }

    /// <summary>A listing or a record's effect ends soon.</summary>
    public static Notice ExpiryApproaching(SubjectId subject, string policyVersion, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var ends = transition.EndsAt ?? transition.At;
        var what = transition.List is { } list ? $"Your listing on {list}" : $"The effect of record {transition.Record}";
        return new Notice(
            NoticeKind.ExpiryApproaching,
            transition.At,
            subject,
            policyVersion,
            $"{what} ends on {ends:u}",
            [new NoticeReason(transition.List is null ? "EXPIRY.EFFECT" : "EXPIRY.LISTING", $"{what} ends by itself on {ends:u}, as the policy says.")],
            [new NextStep("wait", "Nothing is needed: it ends by itself.", ends)],
            transition.List is { } l ? NoticeAbout.Listing(l) : NoticeAbout.Record(transition.Record!.Value));
    }

    /// <summary>A decision taken while a wrong record counted is marked affected; the relying party is named.</summary>
    public static Notice DecisionAffected(AffectedDecision affected, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var d = affected.Decision;
        var now = affected.Corrected.Allowed ? "allowed" : "denied";
        var step = affected.Corrected.Allowed
            ? new NextStep("none", $"You may show this notice to {d.RelyingParty}.")
            : new NextStep("dispute", "With the corrected records the answer would have been a denial; your file names the records it rests on, and any of them that is wrong can be disputed.");
        return new Notice(
            NoticeKind.DecisionAffected,
            at,
            d.Subject,
            d.PolicyVersion,
            $"The {d.Capability} decision given to {d.RelyingParty} on {d.DecidedAt:u} was wrong",
            [new NoticeReason("DECISION.AFFECTED", $"without the wrong record{(affected.WrongRecords.Length == 1 ? string.Empty : "s")} {string.Join(", ", affected.WrongRecords)} it would have been {now}; {d.RelyingParty} is told through its list of affected decisions")],
            [step],
            NoticeAbout.Decision(d.Id));
    }

    /// <summary>After an appeal is dismissed: meet what is unmet, then apply again.</summary>
    private static ImmutableArray<NextStep> AfterDismissal(Appeal appeal)
    {
        var steps = new List<NextStep>();
        if (appeal.Unmet.Any(u => u.Code == "obligation-not-fulfilled"))
        {
            steps.Add(new NextStep("fulfil-obligation", $"Fulfil the obligation; the repair needs a record of {string.Join(" or ", appeal.Refusal.NeedsOneOf)} from its source."));
        }

        steps.Add(new NextStep("apply-for-repair", "Apply again once the unmet criteria are met.", appeal.Unmet.Select(u => u.MetAt).Max()));
        return [.. steps];
    }
}
