namespace Credence.Core.DueProcess;

/// <summary>One reason in a notice: a stable code and the reason in plain language.</summary>
public sealed record NoticeReason(string Code, string Text);
