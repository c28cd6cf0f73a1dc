namespace Credence.Core.DueProcess;

/// <summary>What a notice tells the subject about.</summary>
public enum NoticeKind
{
    AdverseDecision = 1,
    Listed = 2,
    Delisted = 3,
    DisputeOpened = 4,
    DisputeAnswered = 5,
    DisputeResolvedForSubject = 6,
    RepairGranted = 7,
    RepairRefused = 8,
    RepairAppealed = 9,
    AppealDecided = 10,
    ExpiryApproaching = 11,
    DecisionAffected = 12,
    DisputeEscalated = 13,
    DisputeUpheld = 14,
    DisputeFoundWrong = 15,

    /// <summary>A relying party was told a benefit is not granted: explained, with the path forward, but not an adverse action (no appeal).</summary>
    BenefitNotGranted = 16,
}
