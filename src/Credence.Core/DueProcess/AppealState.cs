namespace Credence.Core.DueProcess;

/// <summary>Where an appeal against a repair refusal stands.</summary>
public enum AppealState
{
    /// <summary>Waiting for the reviewer.</summary>
    Pending = 1,

    /// <summary>The reviewer granted the repair.</summary>
    Granted = 2,

    /// <summary>The reviewer upheld the refusal.</summary>
    Upheld = 3,
}
