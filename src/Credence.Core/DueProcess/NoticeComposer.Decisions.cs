using System.Collections.Immutable;
using Credence.Core.Explanations;

namespace Credence.Core.DueProcess;

/// <summary>
/// The notices of decisions (a denial, a benefit not granted) and the steps they and the listing
/// notices share: ways back through the records and listings an outcome rests on, and the path forward.
/// </summary>
public static partial class NoticeComposer
{
    /// <summary>
    /// The notice a decision owes the subject: an adverse-decision notice for a denial, a
    /// benefit-not-granted notice for a benefit not granted, none for an allowance.
    /// </summary>
    /// <param name="decisionId">The registry's id for the decision, which the notice names.</param>
    public static Notice? ForDecision(Assessment assessment, CapabilityDecision decision, string relyingParty, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Answer switch
        {
            DecisionAnswer.Denied => AdverseDecision(assessment, decision, relyingParty, decisionId),
            DecisionAnswer.NotGranted => BenefitNotGranted(assessment, decision, relyingParty, decisionId),
            _ => null,
        };
    }

    /// <summary>A capability was denied by a restriction: the listings it rests on, and the ways back (dispute, repair, the listing's end).</summary>
    public static Notice AdverseDecision(Assessment assessment, CapabilityDecision decision, string relyingParty, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(decision);
        var lists = decision.Reasons.Where(r => r.Code.StartsWith("LISTED.", StringComparison.Ordinal)).Select(r => r.Code["LISTED.".Length..]);
        return new Notice(
            NoticeKind.AdverseDecision,
            assessment.AsOf,
            assessment.Subject,
            decision.PolicyVersion,
            $"{relyingParty} was told you may not have {decision.Capability}",
            [.. decision.Reasons.Select(r => new NoticeReason(r.Code, r.Text))],
            WaysBack(assessment, decision.Reasons.SelectMany(r => r.Records), lists),
            NoticeAbout.Decision(decisionId));
    }

    /// <summary>
    /// A relying party was told a benefit is not granted. Not an adverse action: nothing the subject
    /// has by default was withheld, so there is no appeal; the notice says which condition is unmet
    /// and the path forward (when it is met by itself, what would meet it sooner).
    /// </summary>
    public static Notice BenefitNotGranted(Assessment assessment, CapabilityDecision decision, string relyingParty, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(decision);
        var records = decision.Reasons.SelectMany(r => r.Records).Distinct().ToList();
        var steps = decision.Forward.Select(Step)
            .Concat(assessment.PathForward.Repairs.Where(r => records.Contains(r.Record)).Select(Repair))
            .Concat(records.Select(Dispute));
        return new Notice(
            NoticeKind.BenefitNotGranted,
            assessment.AsOf,
            assessment.Subject,
            decision.PolicyVersion,
            $"{relyingParty} was told {decision.Capability} is not granted to you",
            [.. decision.Reasons.Select(r => new NoticeReason(r.Code, r.Text))],
            [.. steps],
            NoticeAbout.Decision(decisionId));
    }

    /// <summary>
    /// The ways back from an outcome resting on <paramref name="records"/> through <paramref name="lists"/>:
    /// dispute each record, repair those that may be repaired, and each listing's end (by its term,
    /// or as soon as the obligation is shown fulfilled). Nothing about records the outcome does not rest on.
    /// </summary>
    private static ImmutableArray<NextStep> WaysBack(Assessment assessment, IEnumerable<Records.RecordKey> records, IEnumerable<string> lists)
    {
        var keys = records.Distinct().ToList();
        var named = lists.ToHashSet(StringComparer.Ordinal);
        var steps = new List<NextStep>();
        steps.AddRange(keys.Select(Dispute));
        steps.AddRange(assessment.PathForward.Repairs.Where(r => keys.Contains(r.Record)).Select(Repair));
        foreach (var e in assessment.PathForward.ListingExits.Where(e => named.Contains(e.List)))
        {
            if (e.EndsAt is { } x && x != DateTimeOffset.MaxValue)
            {
                steps.Add(new NextStep("wait", $"The {e.List} listing ends by itself on {x:u}.", x));
            }

            if (!e.EndsOnRecordOf.IsDefaultOrEmpty)
            {
                steps.Add(new NextStep("fulfil-obligation", $"The {e.List} listing ends as soon as a record of {string.Join(" or ", e.EndsOnRecordOf)} shows the obligation fulfilled."));
            }
        }

        return [.. steps];
    }

    private static NextStep Dispute(Records.RecordKey key) => new("dispute", $"If record {key} is wrong, dispute it: it will be flagged at once.");

    private static NextStep Repair(RepairOpening r)
    {
        var how = r.FulfilledBy is null ? $" once a record of {string.Join(" or ", r.NeedsOneOf)} shows the obligation fulfilled" : string.Empty;
        return new NextStep("apply-for-repair", $"Apply to repair record {r.Record} from {r.OpensAt:u}{how}.", r.OpensAt);
    }

    /// <summary>A step of the path forward as something the subject can do or wait for.</summary>
    private static NextStep Step(ForwardStep f) => f.Code switch
    {
        "record-needed" => new NextStep("obtain-record", f.Text, f.At),
        "earn-points" or "give-consent" or "fulfil-obligation" => new NextStep(f.Code, f.Text, f.At),
        _ => new NextStep("wait", f.Text, f.At),
    };
}
