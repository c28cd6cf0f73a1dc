using System.Collections.Immutable;
using Credence.Registry.Access;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Principals and API keys.</summary>
internal sealed partial class SqliteSession
{
    private const string PrincipalColumns = "p.id, p.name, p.role, p.subject, p.purpose, p.record_types, p.capabilities, p.created_at";

    private const string FindKeySql =
        "SELECT k.id, k.revoked_at, " + PrincipalColumns + " FROM api_keys k JOIN principals p ON p.id = k.principal_id WHERE k.key_hash = $a";

    private const string FindPrincipalSql = "SELECT " + PrincipalColumns + " FROM principals p WHERE p.name = $a";

    private const string ListPrincipalsSql = "SELECT " + PrincipalColumns + " FROM principals p ORDER BY p.id";

    private const string ListKeysSql = "SELECT principal_id, id, created_at, revoked_at FROM api_keys ORDER BY id";

    private const string InsertPrincipalSql =
        "INSERT INTO principals (name, role, subject, purpose, record_types, capabilities, created_at) VALUES ($a, $b, $c, $d, $e, $f, $g) RETURNING id";

    private const string InsertKeySql = "INSERT INTO api_keys (principal_id, key_hash, created_at, issued_by) VALUES ($a, $b, $c, $d) RETURNING id";

    private const string KeyIssuersSql =
        "SELECT DISTINCT i.name FROM principals p JOIN api_keys k ON k.principal_id = p.id JOIN principals i ON i.id = k.issued_by"
        + " WHERE p.name = $a AND k.created_at <= $b ORDER BY i.name";

    private const string RevokeKeySql = "UPDATE api_keys SET revoked_at = $b WHERE id = $a AND revoked_at IS NULL";

    private const string RevokedKeyCountSql = "SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL";

    public KeyHolder? FindKey(byte[] keyHash) =>
        Row(r => new KeyHolder(r.GetInt64(0), ReadPrincipal(r, 2), MaybeInstant(r, 1)), FindKeySql, keyHash);

    public Principal? FindPrincipal(string name) => Row(r => ReadPrincipal(r, 0), FindPrincipalSql, name);

    public IReadOnlyList<PrincipalListing> ListPrincipals()
    {
        var principals = Rows(r => ReadPrincipal(r, 0), ListPrincipalsSql);
        var keys = Rows(r => (Principal: r.GetInt64(0), Key: new KeyInfo(r.GetInt64(1), Instant(r, 2), MaybeInstant(r, 3))), ListKeysSql)
            .ToLookup(k => k.Principal, k => k.Key);
        return [.. principals.Select(p => new PrincipalListing(p, [.. keys[p.Id]]))];
    }

    public long InsertPrincipal(Principal principal) =>
        Scalar(InsertPrincipalSql, principal.Name, principal.RoleName, principal.Subject, principal.Purpose,
            Join(principal.RecordTypes), Join(principal.Capabilities), principal.CreatedAt.UtcTicks);

    public long InsertKey(long principalId, byte[] keyHash, DateTimeOffset at, long? issuedBy) => Scalar(InsertKeySql, principalId, keyHash, at.UtcTicks, issuedBy);

    public IReadOnlyList<string> KeyIssuers(string name, DateTimeOffset until) => Rows(r => r.GetString(0), KeyIssuersSql, name, until.UtcTicks);

    public bool RevokeKey(long keyId, DateTimeOffset at) => NonQuery(RevokeKeySql, keyId, at.UtcTicks) == 1;

    public long RevokedKeyCount() => Scalar(RevokedKeyCountSql);

    private static Principal ReadPrincipal(SqliteDataReader r, int o)
    {
        if (!Roles.TryParse(r.GetString(o + 2), out var role))
        {
            throw new InvalidDataException($"principal {r.GetInt64(o)} has an unknown role '{r.GetString(o + 2)}'");
        }

        return new Principal(
            r.GetInt64(o),
            r.GetString(o + 1),
            role,
            MaybeText(r, o + 3),
            MaybeText(r, o + 4),
            [.. Split(r.GetString(o + 5))],
            [.. Split(r.GetString(o + 6))],
            Instant(r, o + 7));
    }
}
