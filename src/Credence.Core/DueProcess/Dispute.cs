using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>
/// A subject's dispute of one of its records: Open, then exactly one of Verified, Corrected,
/// Withdrawn (the source answered before <see cref="DueAt"/>) or ResolvedForSubject (it did not).
/// A verified dispute may be escalated once to a reviewer (see <see cref="Escalate"/> and
/// <see cref="Decide"/>): Escalated, then Upheld (final) or FoundWrong, which waits for the source
/// to correct or withdraw before a new <see cref="DueAt"/> exactly as Open does (verifying is no
/// longer an answer). Instances are immutable; each transition returns a new dispute or the refusals.
/// </summary>
/// <param name="Id">The registry's id for the dispute.</param>
/// <param name="Subject">The subject who contests the record.</param>
/// <param name="Record">The contested record.</param>
/// <param name="Reason">The subject's reason.</param>
/// <param name="Evidence">An optional evidence note.</param>
/// <param name="OpenedAt">When the dispute was opened; the record is flagged from this instant.</param>
/// <param name="DueAt">The first instant at which the source is too late to answer.</param>
/// <param name="State">Where the dispute stands.</param>
/// <param name="Answer">The source's answer, once given.</param>
/// <param name="ClosedAt">When the dispute left the open state (null again while escalated or found wrong).</param>
/// <param name="Escalation">The subject's escalation to a reviewer and the reviewer's decision, if escalated.</param>
public sealed partial record Dispute(
    string Id,
    SubjectId Subject,
    RecordKey Record,
    string Reason,
    string? Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DisputeState State,
    DisputeAnswer? Answer,
    DateTimeOffset? ClosedAt,
    DisputeEscalation? Escalation = null)
{
    /// <summary>True while the source must still answer (open, or found wrong by a reviewer), before <see cref="DueAt"/>.</summary>
    public bool IsOpen => State is DisputeState.Open or DisputeState.FoundWrong;

    /// <summary>The source that must answer.</summary>
    public string Source => Record.Source;

    /// <summary>
    /// Opens a dispute on <paramref name="record"/> (the record's latest version) for
    /// <paramref name="subject"/>. Refused when the reason is empty, the record is about another
    /// subject, it is already withdrawn, or another dispute on it is still open.
    /// </summary>
    /// <param name="disputes">The subject's disputes so far, to refuse a second open one on the same record.</param>
    /// <param name="freeDisclosureAt">The subject's last free annual disclosure, for the FCRA 45-day deadline.</param>
    public static Outcome<Dispute> Open(
        string id,
        Policy policy,
        SubjectId subject,
        Records.Record record,
        string reason,
        string? evidence,
        DateTimeOffset at,
        IEnumerable<Dispute> disputes,
        DateTimeOffset? freeDisclosureAt = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var refusals = new List<Refusal>();
        if (Intake.BlankText.IsBlank(reason))
        {
            refusals.Add(new Refusal("reason-required", "a dispute needs the subject's reason"));
        }

        if (record.Subject != subject)
        {
            refusals.Add(new Refusal("not-own-record", $"record {record.Key} is about another subject; a subject may dispute only its own records"));
        }

        if (record.Action == RecordAction.Withdrawn)
        {
            refusals.Add(new Refusal("record-withdrawn", $"record {record.Key} was already withdrawn on {record.ReportedAt:u}; it no longer counts"));
        }

        if (disputes.FirstOrDefault(d => d.IsOpen && d.Record == record.Key) is { } open)
        {
            refusals.Add(new Refusal("already-disputed", $"dispute {open.Id} on record {record.Key} is still open (due {open.DueAt:u})", open.DueAt));
        }
        else if (disputes.FirstOrDefault(d => d.State == DisputeState.Escalated && d.Record == record.Key) is { } escalated)
        {
            refusals.Add(new Refusal("already-disputed", $"dispute {escalated.Id} on record {record.Key} is with a reviewer since {escalated.Escalation?.At:u}"));
        }

        return refusals.Count > 0
            ? Outcome.Refuse<Dispute>(refusals)
            : Outcome.Accept(new Dispute(id, subject, record.Key, reason.Trim(), evidence, at, DisputeDeadlines.AnswerDue(policy, at, freeDisclosureAt), DisputeState.Open, null, null));
    }

    /// <summary>
    /// Records the source's answer. Refused when the dispute is no longer open, the answer comes at or
    /// after <see cref="DueAt"/>, the answering source is not the record's source, the reason is empty,
    /// or a correction or withdrawal lacks the matching record version (or a verification brings one).
    /// </summary>
    public Outcome<Dispute> Respond(string source, DisputeAnswer answer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var refusals = new List<Refusal>();
        if (!IsOpen)
        {
            refusals.Add(new Refusal("not-open", State == DisputeState.Escalated
                ? $"dispute {Id} is with a reviewer since {Escalation?.At:u}"
                : $"dispute {Id} was already closed ({State}) on {ClosedAt:u}"));
        }
        else if (at >= DueAt)
        {
            refusals.Add(new Refusal("past-deadline", $"the answer was due before {DueAt:u}; the dispute is resolved for the subject"));
        }

        if (at < OpenedAt)
        {
            refusals.Add(new Refusal("before-opened", $"the dispute was opened on {OpenedAt:u}"));
        }

        if (!string.Equals(source, Source, StringComparison.Ordinal))
        {
            refusals.Add(new Refusal("not-record-source", $"only {Source}, which reported record {Record}, may answer this dispute"));
        }

        if (Intake.BlankText.IsBlank(answer.Reason))
        {
            refusals.Add(new Refusal("reason-required", "an answer needs the source's reason"));
        }

        if (State == DisputeState.FoundWrong && answer.Kind == DisputeAnswerKind.Verify)
        {
            refusals.Add(new Refusal("verify-not-allowed-after-finding", $"reviewer {Escalation?.Reviewer} found record {Record} wrong on {Escalation?.DecidedAt:u}; {Source} may only correct or withdraw it, before {DueAt:u}"));
        }

        refusals.AddRange(VersionProblems(answer));
        if (refusals.Count > 0)
        {
            return Outcome.Refuse<Dispute>(refusals);
        }

        var state = answer.Kind switch
        {
            DisputeAnswerKind.Verify => DisputeState.Verified,
            DisputeAnswerKind.Correct => DisputeState.Corrected,
            _ => DisputeState.Withdrawn,
        };
        return Outcome.Accept(this with { State = state, Answer = answer, ClosedAt = at });
    }

    /// <summary>
    /// Resolves an unanswered dispute for the subject, exactly at <see cref="DueAt"/>. Refused before
    /// the deadline (with the deadline) and when the dispute is no longer open.
    /// </summary>
    /// <param name="now">The current instant; the resolution takes effect at <see cref="DueAt"/>, however late the scheduler runs.</param>
    public Outcome<Dispute> ResolveOverdue(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Outcome.Refuse<Dispute>("not-open", $"dispute {Id} is not waiting for its source ({State})");
        }

        return now < DueAt
            ? Outcome.Refuse<Dispute>("not-due", $"the source may answer until {DueAt:u}", DueAt)
            : Outcome.Accept(this with { State = DisputeState.ResolvedForSubject, ClosedAt = DueAt });
    }

    /// <summary>True when the dispute ended with the record found wrong (corrected, withdrawn, or unanswered).</summary>
    public bool FoundForSubject => State is DisputeState.Corrected or DisputeState.Withdrawn or DisputeState.ResolvedForSubject;

    private IEnumerable<Refusal> VersionProblems(DisputeAnswer answer)
    {
        var v = answer.NewVersion;
        if (answer.Kind == DisputeAnswerKind.Verify)
        {
            if (v is not null)
            {
                yield return new Refusal("version-not-expected", "a verification leaves the record as it is; it brings no new version");
            }

            yield break;
        }

        var action = answer.Kind == DisputeAnswerKind.Correct ? RecordAction.Corrected : RecordAction.Withdrawn;
        if (v is null || v.Key != Record || v.Action != action || v.Subject != Subject)
        {
            yield return new Refusal("version-required", $"a {answer.Kind.ToString().ToLowerInvariant()} answer needs a {action} version of record {Record} about the same subject");
        }
    }

    /// <summary>The disputes <paramref name="source"/> must still answer, the most urgent first.</summary>
    public static ImmutableArray<Dispute> OpenFor(string source, IEnumerable<Dispute> disputes) =>
        [.. disputes.Where(d => d.IsOpen && string.Equals(d.Source, source, StringComparison.Ordinal)).OrderBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>
    /// For a dispute resolved for the subject: the withdrawal version that stops
    /// <paramref name="latest"/> (the record's latest version) counting from <see cref="DueAt"/>.
    /// </summary>
    /// <remarks>
    /// Implementation note: "an unverified item is removed" is stored as a withdrawal version the
    /// registry writes on the source's behalf, reported at the deadline. So the record counted until
    /// the deadline (history is kept) and stops exactly then, listings included, and the explanation
    /// says why in the version's note.
    /// </remarks>
    public Records.Record RemovalVersion(Records.Record latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (State != DisputeState.ResolvedForSubject || latest.Key != Record)
        {
            throw new InvalidOperationException($"only a dispute resolved for the subject removes record {Record}");
        }

        return latest with
        {
            Version = latest.Version + 1,
            Action = RecordAction.Withdrawn,
            ReportedAt = DueAt,
            Note = Escalation?.Finding == DisputeFinding.FoundWrong
                ? $"dispute {Id}: found wrong by reviewer {Escalation.Reviewer} on {Escalation.DecidedAt:u} and not revoked by {Source} by its deadline: resolved for the subject"
                : $"dispute {Id} unanswered by {Source} at its deadline: resolved for the subject",
        };
    }

    /// <summary>
    /// The disputes a <see cref="SubjectFile"/> holds: open ones (including those found wrong), and
    /// those resolved for the subject (so a type that does not count while disputed stays uncounted
    /// from the opening in history). A dispute found wrong by a reviewer is flagged from the finding
    /// (<see cref="FlaggedFrom"/>): between the verification and the finding the record stood.
    /// </summary>
    /// <remarks>
    /// Implementation note: a verified, corrected or withdrawn dispute leaves no flag. For a type that
    /// does not count while disputed, a file rebuilt after verification therefore shows the record as
    /// counting during the dispute too, when viewed as of an instant in that period;
    /// <see cref="SubjectFile"/> holds open disputes only, and keeping closed-dispute intervals would
    /// need a change there. Decisions taken during the dispute were taken on the flagged file and keep
    /// their receipts, so nothing acknowledged is lost.
    /// </remarks>
    public static ImmutableArray<RecordDispute> Flags(IEnumerable<Dispute> disputes) =>
        [.. disputes.Where(d => d.IsOpen || d.State == DisputeState.ResolvedForSubject).Select(d => new RecordDispute(d.Record, d.FlaggedFrom))];

    /// <summary>The instant the record is flagged from: the finding for a dispute a reviewer found wrong, otherwise the opening.</summary>
    public DateTimeOffset FlaggedFrom => Escalation is { Finding: DisputeFinding.FoundWrong, DecidedAt: { } found } ? found : OpenedAt;
}
