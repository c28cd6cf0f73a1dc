using Credence.Core.Policies;

namespace Credence.Core.DueProcess;

/// <summary>The deadlines of due process: when a source must answer a dispute, and when a wrong listing must be revoked.</summary>
public static class DisputeDeadlines
{
    /// <summary>Days added under FCRA when the subject had its free annual disclosure in the year before the dispute (30 → 45).</summary>
    public const int FcraDisclosureExtensionDays = 15;

    /// <summary>Working days within which a wrong listing must be revoked once found (PRC).</summary>
    public const int RevocationWorkingDays = 3;

    /// <summary>Days after a source's verification within which the subject may escalate the dispute to a reviewer.</summary>
    public const int EscalationDays = 30;

    /// <summary>
    /// The instant a dispute opened at <paramref name="openedAt"/> must be answered by: the policy's
    /// response time (FCRA 30 days, the PRC court review 15 days, as the policy states) after the
    /// opening, plus 15 days under FCRA when the subject had its free annual disclosure within the
    /// year before the dispute. An answer must arrive strictly before this instant.
    /// </summary>
    /// <param name="freeDisclosureAt">When the subject last received its free annual disclosure, if ever.</param>
    /// <remarks>
    /// Implementation note: the response time is taken from the policy, whose validator holds it to
    /// the profile's limit, rather than hard-coded per profile; only the FCRA disclosure extension is a
    /// rule of the profile itself. A disclosure counts when it falls in the year up to the opening.
    /// </remarks>
    public static DateTimeOffset AnswerDue(Policy policy, DateTimeOffset openedAt, DateTimeOffset? freeDisclosureAt = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var due = policy.Disputes.ResponseTime.AddTo(openedAt);
        return policy.Profile == JurisdictionProfile.Fcra && HadDisclosureWithinYear(openedAt, freeDisclosureAt)
            ? due.AddDays(FcraDisclosureExtensionDays)
            : due;
    }

    /// <summary>True when <paramref name="disclosureAt"/> falls within the year up to <paramref name="at"/>.</summary>
    public static bool HadDisclosureWithinYear(DateTimeOffset at, DateTimeOffset? disclosureAt) =>
        disclosureAt is { } d && d <= at && d > PolicyDuration.FromYears(1).SubtractFrom(at);

    /// <summary>
    /// The first instant at which a verification given at <paramref name="verifiedAt"/> can no longer
    /// be escalated to a reviewer: <see cref="EscalationDays"/> calendar days later.
    /// </summary>
    /// <remarks>
    /// Implementation note: the window is the registry's rule, the same for every profile; it mirrors
    /// FCRA's 30-day dispute period, so a subject has as long to ask for a person as the source had to answer.
    /// </remarks>
    public static DateTimeOffset EscalationDue(DateTimeOffset verifiedAt) => verifiedAt.AddDays(EscalationDays);

    /// <summary>
    /// The instant by which a record found wrong at <paramref name="foundAt"/> must stop listing the
    /// subject: three working days later (PRC: wrong listings revoked within 3 working days). The
    /// registry applies it to every profile once a reviewer finds a record wrong: FCRA's 30 days are
    /// for investigating, and a finding leaves nothing to investigate.
    /// </summary>
    /// <remarks>
    /// Implementation note: with no calendar given, only weekends are skipped (no public holidays, no
    /// PRC swapped working weekends), so a deadline may come earlier than the legal one, never later.
    /// Found on a Friday at 15:00 UTC, it is due the next Wednesday at 15:00 UTC; found on a Saturday,
    /// counting starts Monday 00:00 UTC and it is due Thursday 00:00 UTC.
    /// </remarks>
    /// <param name="isWorkingDay">Optional holiday calendar; Monday to Friday when omitted (see <see cref="WorkingDays"/>).</param>
    public static DateTimeOffset RevocationDue(DateTimeOffset foundAt, Func<DateOnly, bool>? isWorkingDay = null) =>
        WorkingDays.Add(foundAt, RevocationWorkingDays, isWorkingDay);
}
