namespace Credence.Core.DueProcess;

/// <summary>What a reviewer decides on an escalated dispute.</summary>
public enum DisputeFinding
{
    /// <summary>The source's verification stands.</summary>
    Upheld = 1,

    /// <summary>The record was found wrong: the source must correct or withdraw it.</summary>
    FoundWrong = 2,
}
