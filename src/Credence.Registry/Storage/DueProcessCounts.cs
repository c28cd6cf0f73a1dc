namespace Credence.Registry.Storage;

/// <summary>Due process over the whole registry, for the summary: disputes by outcome, repair applications, appeals, affected decisions and notices.</summary>
/// <param name="DisputesOpen">Disputes waiting for their source's answer.</param>
/// <param name="DisputesVerified">Disputes the source answered by verifying the record.</param>
/// <param name="DisputesCorrected">Disputes the source answered with a corrected version.</param>
/// <param name="DisputesWithdrawn">Disputes the source answered by withdrawing the record.</param>
/// <param name="DisputesResolvedForSubject">Disputes unanswered at their deadline, resolved for the subject.</param>
/// <param name="RepairsGranted">Repair applications in effect (granted at once or on appeal).</param>
/// <param name="RepairsRefused">Repair applications refused (and not granted on appeal).</param>
/// <param name="Appeals">Appeals filed against refused repairs.</param>
/// <param name="AffectedDecisions">Decisions found affected by a withdrawn or corrected record.</param>
/// <param name="Notices">Notices in the subjects' inboxes.</param>
public sealed record DueProcessCounts(
    long DisputesOpen,
    long DisputesVerified,
    long DisputesCorrected,
    long DisputesWithdrawn,
    long DisputesResolvedForSubject,
    long RepairsGranted,
    long RepairsRefused,
    long Appeals,
    long AffectedDecisions,
    long Notices)
{
    /// <summary>Every dispute ever opened.</summary>
    public long Disputes => DisputesOpen + DisputesVerified + DisputesCorrected + DisputesWithdrawn + DisputesResolvedForSubject;
}
