using System.Collections.Immutable;
using Credence.Core.DueProcess;

namespace Credence.Registry.DueProcess;

/// <summary>
/// A notice in a subject's inbox: what happened and when, what it is about (the decision, listing,
/// dispute, repair, appeal or record), why (reasons with codes), under which policy version, and what
/// the subject can do next.
/// </summary>
public sealed record StoredNotice(
    long Id,
    string Subject,
    DateTimeOffset At,
    NoticeKind Kind,
    string PolicyVersion,
    string Title,
    ImmutableArray<NoticeReason> Reasons,
    ImmutableArray<NextStep> NextSteps,
    NoticeAbout? About)
{
    /// <summary>The stored form of a Core notice (its id is given by the store).</summary>
    public static StoredNotice From(Notice n) => new(0, n.Subject.Value, n.At, n.Kind, n.PolicyVersion, n.Title, n.Reasons, n.NextSteps, n.About);
}
