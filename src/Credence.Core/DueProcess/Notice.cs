using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.DueProcess;

/// <summary>
/// A message in the subject's inbox: what happened, when, what it is about, under which policy
/// version, why (reasons with stable codes) and what the subject can do next.
/// </summary>
/// <param name="At">The instant of what happened (not when the registry got round to writing it).</param>
/// <param name="Title">A one-line summary in plain language.</param>
/// <param name="Reasons">Why, with stable codes and plain text.</param>
/// <param name="About">The decision, listing, dispute, repair, appeal or record the notice is about.</param>
public sealed record Notice(
    NoticeKind Kind,
    DateTimeOffset At,
    SubjectId Subject,
    string PolicyVersion,
    string Title,
    ImmutableArray<NoticeReason> Reasons,
    ImmutableArray<NextStep> NextSteps,
    NoticeAbout About);
