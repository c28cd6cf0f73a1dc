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

    // The counts come from the tallies the store's triggers keep (migration 0007), never from a scan.
    private const string TalliesSql = "SELECT name, n FROM summary_tallies";

    private const string GradesSql = "SELECT policy_tag, status, grade, n FROM grade_tallies WHERE n <> 0 ORDER BY policy_tag COLLATE \"C\", status, grade COLLATE \"C\"";

    private const string OpenListsSql = "SELECT policy_tag, list, n FROM list_tallies WHERE n <> 0";

    // Open listings whose term has passed by the instant asked about: they do not count (an index range).
    private const string LapsedListsSql =
        "SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL AND until IS NOT NULL AND until <= $1 GROUP BY policy_tag, list";

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

    public RegistryCounts Counts(DateTimeOffset now)
    {
        var tallies = Rows(r => (r.GetString(0), r.GetInt64(1)), TalliesSql).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);
        var grades = Rows(r => new GradeCount(r.GetString(0), (ScoreStatus)r.GetInt32(1), r.GetString(2) is { Length: > 0 } g ? g : null, r.GetInt64(3)), GradesSql);
        var open = Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), OpenListsSql);
        var lapsed = Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), LapsedListsSql, now.UtcTicks);
        return RegistryCounts.FromTallies(tallies, grades, open, lapsed);
    }

    private static ListingRow ReadListing(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), MaybeInstant(r, 5), MaybeInstant(r, 6), MaybeInstant(r, 7));
}
