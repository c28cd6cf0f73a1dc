using System.Text.Json;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Subject states, listings, review times and the counts of the summary.</summary>
internal sealed partial class SqliteSession
{
    private const string SaveStateSql =
        "INSERT INTO subject_state (subject, kind, policy_tag, status, score, grade, lists, evaluated_at, review_at) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i) " +
        "ON CONFLICT (subject) DO UPDATE SET kind = excluded.kind, policy_tag = excluded.policy_tag, status = excluded.status, score = excluded.score, " +
        "grade = excluded.grade, lists = excluded.lists, evaluated_at = excluded.evaluated_at, review_at = excluded.review_at";

    private const string FindStateSql =
        "SELECT subject, kind, policy_tag, status, score, grade, lists, evaluated_at, review_at FROM subject_state WHERE subject = $a";

    private const string ListingColumns = "id, subject, list, policy_tag, published, since, until, ended_at";

    private const string OpenListingsSql = "SELECT " + ListingColumns + " FROM listings WHERE subject = $a AND ended_at IS NULL ORDER BY id";

    private const string AllListingsSql = "SELECT " + ListingColumns + " FROM listings WHERE subject = $a ORDER BY id";

    private const string OpenListingSql =
        "INSERT INTO listings (subject, list, policy_tag, published, since, until) VALUES ($a, $b, $c, $d, $e, $f) RETURNING id";

    private const string UpdateListingSql = "UPDATE listings SET since = $b, until = $c WHERE id = $a";

    private const string EndListingSql = "UPDATE listings SET ended_at = $b WHERE id = $a";

    private const string DueSql = "SELECT subject FROM subject_state WHERE review_at <= $a ORDER BY review_at LIMIT $b";

    private const string OfKindSql = "SELECT subject FROM subject_state WHERE subject > $a AND kind = $b ORDER BY subject LIMIT $c";

    private const string MembersWhere =
        " FROM listings WHERE list = $a AND ended_at IS NULL AND policy_tag IN (SELECT value FROM json_each($b)) AND (until IS NULL OR until > $c)";

    private const string MembersSql = "SELECT " + ListingColumns + MembersWhere + " ORDER BY since, subject, id LIMIT $d OFFSET $e";

    private const string MembersCountSql = "SELECT COUNT(*)" + MembersWhere;

    private const string CountSubjectsSql = "SELECT COUNT(*) FROM subject_state";

    private const string CountRecordsSql = "SELECT COUNT(*) FROM records";

    private const string CountDecisionsSql = "SELECT COUNT(*) FROM decisions";

    private const string GradesSql = "SELECT policy_tag, status, grade, COUNT(*) FROM subject_state GROUP BY policy_tag, status, grade ORDER BY policy_tag, status, grade";

    private const string ListSizesSql =
        "SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL AND (until IS NULL OR until > $a) GROUP BY policy_tag, list ORDER BY policy_tag, list";

    public void SaveSubjectState(SubjectState state) =>
        NonQuery(SaveStateSql, state.Subject, (int)state.Kind, state.PolicyTag, (int)state.Status, state.Score, state.Grade,
            Join(state.Lists), state.EvaluatedAt.UtcTicks, state.ReviewAt.UtcTicks);

    public SubjectState? FindSubjectState(string subject) =>
        Row(r => new SubjectState(r.GetString(0), (SubjectKind)r.GetInt32(1), r.GetString(2), (ScoreStatus)r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetInt32(4), MaybeText(r, 5), [.. Split(r.GetString(6))], Instant(r, 7), Instant(r, 8)),
            FindStateSql, subject);

    public IReadOnlyList<ListingRow> SubjectListings(string subject, bool openOnly) =>
        Rows(ReadListing, openOnly ? OpenListingsSql : AllListingsSql, subject);

    public long OpenListing(ListingRow listing) =>
        Scalar(OpenListingSql, listing.Subject, listing.List, listing.PolicyTag, listing.Published ? 1 : 0, Ticks(listing.Since), Ticks(listing.Until));

    public void UpdateListing(long id, DateTimeOffset? since, DateTimeOffset? until) => NonQuery(UpdateListingSql, id, Ticks(since), Ticks(until));

    public void EndListing(long id, DateTimeOffset at) => NonQuery(EndListingSql, id, at.UtcTicks);

    public IReadOnlyList<string> SubjectsDueForReview(DateTimeOffset now, int limit) => Rows(r => r.GetString(0), DueSql, now.UtcTicks, limit);

    public IReadOnlyList<string> SubjectsOfKind(SubjectKind kind, string after, int limit) => Rows(r => r.GetString(0), OfKindSql, after, (int)kind, limit);

    public ListPage ListMembers(string list, IReadOnlyList<string> policyTags, DateTimeOffset now, int offset, int limit)
    {
        var tags = JsonSerializer.Serialize(policyTags, StorageJson.Default.IReadOnlyListString);
        var rows = Rows(ReadListing, MembersSql, list, tags, now.UtcTicks, limit, offset);
        var total = Scalar(MembersCountSql, list, tags, now.UtcTicks);
        return new ListPage([.. rows], total);
    }

    public RegistryCounts Counts(DateTimeOffset now) =>
        new(
            Scalar(CountSubjectsSql),
            Scalar(CountRecordsSql),
            Scalar(CountDecisionsSql),
            [.. Rows(r => new GradeCount(r.GetString(0), (ScoreStatus)r.GetInt32(1), MaybeText(r, 2), r.GetInt64(3)), GradesSql)],
            [.. Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), ListSizesSql, now.UtcTicks)]);

    private static ListingRow ReadListing(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0, MaybeInstant(r, 5), MaybeInstant(r, 6), MaybeInstant(r, 7));
}
