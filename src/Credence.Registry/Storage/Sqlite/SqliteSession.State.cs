using System.Text.Json;
using Credence.Core.DueProcess;
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

    private const string UpdateListingSql = "UPDATE listings SET since = $a, until = $b WHERE id = $c";

    private const string EndListingSql = "UPDATE listings SET ended_at = $a WHERE id = $b";

    private const string ReopenListingSql = "UPDATE listings SET ended_at = NULL WHERE id = $a";

    private const string PublishListingSql = "UPDATE listings SET published = $a WHERE id = $b";

    private const string DueSql = "SELECT subject FROM subject_state WHERE review_at <= $a ORDER BY review_at LIMIT $b";

    private const string OfKindSql = "SELECT subject FROM subject_state WHERE subject > $a AND kind = $b ORDER BY subject LIMIT $c";

    private const string MembersWhere =
        " FROM listings WHERE list = $a AND ended_at IS NULL AND policy_tag IN (SELECT value FROM json_each($b)) AND (until IS NULL OR until > $c)";

    private const string MembersSql = "SELECT " + ListingColumns + MembersWhere + " ORDER BY since, subject, id LIMIT $d OFFSET $e";

    private const string MembersCountSql = "SELECT COUNT(*)" + MembersWhere;

    // The counts come from the tallies the store's triggers keep (migration 0012), never from a scan.
    private const string TalliesSql = "SELECT name, n FROM summary_tallies";

    private const string GradesSql = "SELECT policy_tag, status, grade, n FROM grade_tallies WHERE n <> 0 ORDER BY policy_tag, status, grade";

    private const string OpenListsSql = "SELECT policy_tag, list, n FROM list_tallies WHERE n <> 0";

    // Open listings whose term has passed by the instant asked about: they do not count (an index range).
    private const string LapsedListsSql =
        "SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL AND until IS NOT NULL AND until <= $a GROUP BY policy_tag, list";

    public void SaveSubjectState(SubjectState state) =>
        Raw(SaveStateSql)
            .Bind(1, state.Subject).Bind(2, (int)state.Kind).Bind(3, state.PolicyTag).Bind(4, (int)state.Status).Bind(5, state.Score)
            .Bind(6, state.Grade).Bind(7, Join(state.Lists)).Bind(8, state.EvaluatedAt.UtcTicks).Bind(9, state.ReviewAt.UtcTicks)
            .Execute();

    public SubjectState? FindSubjectState(string subject)
    {
        var s = Raw(FindStateSql).Bind(1, subject);
        try
        {
            return s.Step()
                ? new SubjectState(s.Text(0), (SubjectKind)s.Int32(1), s.Text(2), (ScoreStatus)s.Int32(3), s.IsNull(4) ? null : s.Int32(4), s.MaybeText(5), [.. Split(s.Text(6))], s.Instant(7), s.Instant(8))
                : null;
        }
        finally
        {
            s.Reset();
        }
    }

    public IReadOnlyList<ListingRow> SubjectListings(string subject, bool openOnly)
    {
        var s = Raw(openOnly ? OpenListingsSql : AllListingsSql).Bind(1, subject);
        var rows = new List<ListingRow>();
        try
        {
            while (s.Step())
            {
                rows.Add(new ListingRow(s.Int64(0), s.Text(1), s.Text(2), s.Text(3), s.Int64(4) != 0, s.MaybeInstant(5), s.MaybeInstant(6), s.MaybeInstant(7)));
            }
        }
        finally
        {
            s.Reset();
        }

        return rows;
    }

    public long OpenListing(ListingRow listing)
    {
        var s = Raw(OpenListingSql)
            .Bind(1, listing.Subject).Bind(2, listing.List).Bind(3, listing.PolicyTag).Bind(4, listing.Published ? 1 : 0).Bind(5, Ticks(listing.Since)).Bind(6, Ticks(listing.Until));
        try
        {
            s.Step();
            return s.Int64(0);
        }
        finally
        {
            s.Reset();
        }
    }

    public void UpdateListing(long id, DateTimeOffset? since, DateTimeOffset? until) => Raw(UpdateListingSql).Bind(1, Ticks(since)).Bind(2, Ticks(until)).Bind(3, id).Execute();

    public void EndListing(long id, DateTimeOffset at) => Raw(EndListingSql).Bind(1, at.UtcTicks).Bind(2, id).Execute();

    public void ReopenListing(long id) => Raw(ReopenListingSql).Bind(1, id).Execute();

    public void SetListingPublished(long id, bool published) => Raw(PublishListingSql).Bind(1, published ? 1 : 0).Bind(2, id).Execute();

    public IReadOnlyList<string> SubjectsDueForReview(DateTimeOffset now, int limit) => Rows(r => r.GetString(0), DueSql, now.UtcTicks, limit);

    public IReadOnlyList<string> SubjectsOfKind(SubjectKind kind, string after, int limit) => Rows(r => r.GetString(0), OfKindSql, after, (int)kind, limit);

    public ListPage ListMembers(string list, IReadOnlyList<string> policyTags, DateTimeOffset now, int offset, int limit)
    {
        var tags = JsonSerializer.Serialize(policyTags, StorageJson.Default.IReadOnlyListString);
        var rows = Rows(ReadListing, MembersSql, list, tags, now.UtcTicks, limit, offset);
        var total = Scalar(MembersCountSql, list, tags, now.UtcTicks);
        return new ListPage([.. rows], total);
    }

    public RegistryCounts Counts(DateTimeOffset now)
    {
        var tallies = Rows(r => (r.GetString(0), r.GetInt64(1)), TalliesSql).ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);
        var grades = Rows(r => new GradeCount(r.GetString(0), (ScoreStatus)r.GetInt32(1), r.GetString(2) is { Length: > 0 } g ? g : null, r.GetInt64(3)), GradesSql);
        var open = Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), OpenListsSql);
        var lapsed = Rows(r => new ListCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), LapsedListsSql, now.UtcTicks);
        return RegistryCounts.FromTallies(tallies, grades, open, lapsed);
    }

    private static ListingRow ReadListing(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0, MaybeInstant(r, 5), MaybeInstant(r, 6), MaybeInstant(r, 7));
}
