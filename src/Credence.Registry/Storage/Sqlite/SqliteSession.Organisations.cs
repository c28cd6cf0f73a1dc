using Credence.Registry.Public;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Organisations' registered names.</summary>
internal sealed partial class SqliteSession
{
    private const string PutNameSql =
        "INSERT INTO organisation_names (code, lang, name, folded, registered_at) VALUES ($a, $b, $c, $d, $e) "
        + "ON CONFLICT (code, lang) DO UPDATE SET name = excluded.name, folded = excluded.folded, registered_at = excluded.registered_at";

    // A name prefix (folded) or a code prefix. An organisation's key is the least of its matching folded names;
    // a code match matches all its names, so its key is its first name (organisation_keys). The name matches are
    // an index range of the names; the code matches are walked in the order of their first name and only the
    // first ones a page needs are read (a short code prefix such as "9" matches every organisation): both
    // together give the page exactly as grouping and sorting every match would.
    private const string SearchSql =
        "WITH named AS (SELECT code, MIN(folded) AS k FROM organisation_names WHERE folded >= $a AND folded < $b GROUP BY code), "
        + "coded AS (SELECT code, first AS k FROM organisation_keys INDEXED BY organisation_keys_by_first WHERE code >= $c AND code < $d ORDER BY first, code LIMIT $e + $f), "
        + "hits AS (SELECT code, MIN(k) AS k FROM (SELECT code, k FROM named UNION ALL SELECT code, k FROM coded) AS matched GROUP BY code ORDER BY k, code LIMIT $e OFFSET $f) "
        + "SELECT n.code, n.lang, n.name FROM hits JOIN organisation_names n ON n.code = hits.code ORDER BY hits.k, hits.code, n.lang";

    // Every organisation matched: those by code, and those by name whose code is not in the code range.
    private const string SearchCountSql =
        "SELECT (SELECT COUNT(*) FROM organisation_keys WHERE code >= $c AND code < $d) "
        + "+ (SELECT COUNT(DISTINCT code) FROM organisation_names WHERE folded >= $a AND folded < $b AND NOT (code >= $c AND code < $d))";

    private const string NamesOfSql = "SELECT code, lang, name FROM organisation_names WHERE code = $a ORDER BY lang";

    // The greatest code point: every string that starts with a prefix sorts below prefix + this.
    private const string Above = "\U0010FFFF";

    public void PutOrganisationName(OrganisationName name, string folded, DateTimeOffset at) =>
        NonQuery(PutNameSql, name.Code, name.Language, name.Name, folded, at.UtcTicks);

    public OrganisationNamePage SearchOrganisations(string folded, string codePrefix, int offset, int limit)
    {
        // An empty code prefix matches no code (the range is empty), so a name-only search stays one.
        var codeFrom = codePrefix.Length == 0 ? Above : codePrefix;
        var codeTo = codePrefix.Length == 0 ? Above : codePrefix + Above;
        var names = Rows(ReadName, SearchSql, folded, folded + Above, codeFrom, codeTo, limit, offset);
        var total = Scalar(SearchCountSql, folded, folded + Above, codeFrom, codeTo);
        return new OrganisationNamePage(total, names);
    }

    public IReadOnlyList<OrganisationName> OrganisationNames(string code) => Rows(ReadName, NamesOfSql, code);

    private static OrganisationName ReadName(Microsoft.Data.Sqlite.SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));
}
