using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Subject states, listings, review times and the counts of the summary.</summary>
internal sealed partial class PostgresSession
{
    private const string SaveStateSql =
        "INSERT INTO subject_state (subject, kind, policy_tag, status, score, grade, lists, evaluated_at, review_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (subject) DO UPDATE SET kind = excluded.kind, policy_tag = excluded.policy_tag, status = excluded.status, score = excluded.score, " +
        "grade = excluded.grade, lists = excluded.lists, evaluated_at = excluded.evaluated_at, review_at = excluded.review_at";

    private const string FindStateSql =
        "SELECT subject, kind, policy_tag, status, score, grade, lists, evaluated_at, review_at FROM subject_state WHERE subject = $1";

    private const string ListingColumns = "id, subject, list, policy_tag, published, since, until, ended_at";

    private const string OpenListingsSql = "SELECT " + ListingColumns + " FROM listings WHERE subject = $1 AND ended_at IS NULL ORDER BY id";

    private const string AllListingsSql = "SELECT " + ListingColumns + " FROM listings WHERE subject = $1 ORDER BY id";

    private const string OpenListingSql =
        "INSERT INTO listings (subject, list, policy_tag, published, since, until) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

    private const string UpdateListingSql = "UPDATE listings SET since = $1, until = $2 WHERE id = $3";

    private const string EndListingSql = "UPDATE listings SET ended_at = $1 WHERE id = $2";

    private const string ReopenListingSql = "UPDATE listings SET ended_at = NULL WHERE id = $1";

    private const string PublishListingSql = "UPDATE listings SET published = $1 WHERE id = $2";

    private const string DueSql = "SELECT subject FROM subject_state WHERE review_at <= $1 ORDER BY review_at, subject LIMIT $2";

    private const string OfKindSql = "SELECT subject FROM subject_state WHERE subject > $1 AND kind = $2 ORDER BY subject LIMIT $3";

    private const string MembersWhere =
        " FROM listings WHERE list = $1 AND ended_at IS NULL AND policy_tag = ANY($2) AND (until IS NULL OR until > $3)";

    private const string MembersSql = "SELECT " + ListingColumns + MembersWhere + " ORDER BY since, subject, id LIMIT $4 OFFSET $5";

    private const string MembersCountSql = "SELECT COUNT(*)" + MembersWhere;

    private const string CountSubjectsSql = "SELECT COUNT(*) FROM subject_state";

    private const string CountRecordsSql = "SELECT COUNT(*) FROM records";

    private const string CountDecisionsSql = "SELECT COUNT(*) FROM decisions";

    private const string GradesSql =
        "SELECT policy_tag, status, grade, COUNT(*) FROM subject_state GROUP BY policy_tag, status, grade ORDER BY policy_tag COLLATE \"C\", status, grade COLLATE \"C\" NULLS FIRST";

    private const string ListSizesSql =
        "SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL AND (until IS NULL OR until > $1) GROUP BY policy_tag, list ORDER BY policy_tag COLLATE \"C\", list COLLATE \"C\"";

    private const string DisputeStatesSql = "SELECT state, COUNT(*) FROM disputes GROUP BY state";

    private const string RepairOutcomesSql = "SELECT effective_at IS NOT NULL, COUNT(*) FROM repairs GROUP BY 1";

    private const string CountAppealsSql = "SELECT COUNT(*) FROM appeals";

    private const string CountMarksSql = "SELECT COUNT(*) FROM decision_marks";

    private const string CountNoticesSql = "SELECT COUNT(*) FROM notices";

    private const string NextReviewSql = "SELECT MIN(review_at) FROM subject_state";

    /// <remarks>Written behind: see <see cref="FlushStates"/>; on a read connection (no transaction of the writer's) it would never be flushed, and none calls it.</remarks>
    public void SaveSubjectState(SubjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        pendingStates[state.Subject] = state;
        ahead?.StateSaved(state);
    }

    private static object?[] StateValues(SubjectState state) =>
    [
        state.Subject, (int)state.Kind, state.PolicyTag, (int)state.Status, Int(state.Score), Text(state.Grade),
        state.Lists.IsDefault ? Array.Empty<string>() : state.Lists.ToArray(), state.EvaluatedAt.UtcTicks, state.ReviewAt.UtcTicks,
    ];

    public SubjectState? FindSubjectState(string subject) =>
        ahead is { } a && a.States.TryGetValue(subject, out var known) ? known : Row(ReadState, FindStateSql, subject);

    private static SubjectState ReadState(NpgsqlDataReader r) =>
        new(r.GetString(0), (SubjectKind)r.GetInt32(1), r.GetString(2), (ScoreStatus)r.GetInt32(3), MaybeInt(r, 4), MaybeText(r, 5), [.. Words(r, 6)], Instant(r, 7), Instant(r, 8));

    public IReadOnlyList<ListingRow> SubjectListings(string subject, bool openOnly) =>
        openOnly && ahead is { } a && a.OpenListings.TryGetValue(subject, out var open)
            ? [.. open]
            : Rows(ReadListing, openOnly ? OpenListingsSql : AllListingsSql, subject);

    public long OpenListing(ListingRow listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var id = Scalar(OpenListingSql, listing.Subject, listing.List, listing.PolicyTag, listing.Published, Ticks(listing.Since), Ticks(listing.Until));
        ahead?.ListingOpened(listing, id);
        return id;
    }

    public void UpdateListing(long id, DateTimeOffset? since, DateTimeOffset? until)
    {
        NonQuery(UpdateListingSql, Ticks(since), Ticks(until), id);
        ahead?.ListingChanged(id, l => l with { Since = since, Until = until });
    }

    public void EndListing(long id, DateTimeOffset at)
    {
        NonQuery(EndListingSql, at.UtcTicks, id);
        ahead?.ListingChanged(id, _ => null);
    }

    public void ReopenListing(long id)
    {
        NonQuery(ReopenListingSql, id);

        // An ended listing is not known here, nor is its subject: forget every subject's open listings.
        ahead?.OpenListings.Clear();
    }

    public void SetListingPublished(long id, bool published)
    {
        NonQuery(PublishListingSql, published, id);
        ahead?.ListingChanged(id, l => l with { Published = published });
    }

    public IReadOnlyList<string> SubjectsDueForReview(DateTimeOffset now, int limit) => Rows(r => r.GetString(0), DueSql, now.UtcTicks, limit);

    public IReadOnlyList<string> SubjectsOfKind(SubjectKind kind, string after, int limit) => Rows(r => r.GetString(0), OfKindSql, after, (int)kind, limit);

    public ListPage ListMembers(string list, IReadOnlyList<string> policyTags, DateTimeOffset now, int offset, int limit)
    {
        var tags = policyTags.ToArray();
        var rows = Rows(ReadListing, MembersSql, list, tags, now.UtcTicks, limit, offset);
        var total = Scalar(MembersCountSql, list, tags, now.UtcTicks);
        return new ListPage([.. rows], total);
    }

    public DateTimeOffset? NextReviewAt() => MaybeInstant(MaybeScalar(NextReviewSql));

    public RegistryCounts Counts(DateTimeOffset now) =>
        new(
            Scalar(CountSubjectsSql),
            Scalar(CountRecordsSql),
            Scalar(CountDecisionsSql),
            [.. Rows(r => new GradeCount(r.GetString(0), (ScoreStatus)r.GetInt32(1), MaybeText(r, 2), r.GetInt64(3)), GradesSql)],
            [.. Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), ListSizesSql, now.UtcTicks)],
            CountDueProcess());

    private DueProcessCounts CountDueProcess()
    {
        var disputes = Rows(r => ((DisputeState)r.GetInt32(0), r.GetInt64(1)), DisputeStatesSql).ToDictionary(d => d.Item1, d => d.Item2);
        var repairs = Rows(r => (r.GetBoolean(0), r.GetInt64(1)), RepairOutcomesSql).ToDictionary(d => d.Item1, d => d.Item2);
        return new DueProcessCounts(
            disputes.GetValueOrDefault(DisputeState.Open),
            disputes.GetValueOrDefault(DisputeState.Verified),
            disputes.GetValueOrDefault(DisputeState.Corrected),
            disputes.GetValueOrDefault(DisputeState.Withdrawn),
            disputes.GetValueOrDefault(DisputeState.ResolvedForSubject),
            repairs.GetValueOrDefault(true),
            repairs.GetValueOrDefault(false),
            Scalar(CountAppealsSql),
            Scalar(CountMarksSql),
            Scalar(CountNoticesSql));
    }

    private static ListingRow ReadListing(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), MaybeInstant(r, 5), MaybeInstant(r, 6), MaybeInstant(r, 7));
}
