using Credence.Core.DueProcess;
using Credence.Core.Records;

namespace Credence.Registry.Disclosure;

/// <summary>
/// One thing that happened at a step of the score history, as data (the step's <see cref="ScorePoint.Cause"/>
/// says the same in English words), so that a page can say it in the reader's language.
/// </summary>
/// <param name="Record">The record concerned (<c>source/id</c>), for record, dispute and repair causes.</param>
/// <param name="Version">The record version reported, for <see cref="ScoreCauseKind.RecordReported"/>.</param>
/// <param name="Action">What the version did (reported, corrected, withdrawn), for <see cref="ScoreCauseKind.RecordReported"/>.</param>
/// <param name="Type">The record's type, when known.</param>
/// <param name="CaseId">The dispute or repair application.</param>
/// <param name="DisputeState">How a dispute closed, for <see cref="ScoreCauseKind.DisputeClosed"/>.</param>
/// <param name="PolicyVersion">The policy that came into force, for <see cref="ScoreCauseKind.PolicyInForce"/>.</param>
public sealed record ScoreCause(
    ScoreCauseKind Kind,
    string? Record = null,
    int? Version = null,
    RecordAction? Action = null,
    string? Type = null,
    string? CaseId = null,
    DisputeState? DisputeState = null,
    string? PolicyVersion = null);
