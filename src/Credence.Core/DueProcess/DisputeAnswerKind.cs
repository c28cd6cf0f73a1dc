namespace Credence.Core.DueProcess;

/// <summary>How a source answers a dispute.</summary>
public enum DisputeAnswerKind
{
    /// <summary>The record is right as it stands.</summary>
    Verify = 1,

    /// <summary>The record was wrong in part; a corrected version replaces it.</summary>
    Correct = 2,

    /// <summary>The record was wrong; it is withdrawn.</summary>
    Withdraw = 3,
}
