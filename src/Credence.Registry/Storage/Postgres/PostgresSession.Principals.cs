using Credence.Registry.Access;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Principals and API keys.</summary>
internal sealed partial class PostgresSession
{
    private const string PrincipalColumns = "p.id, p.name, p.role, p.subject, p.purpose, p.record_types, p.capabilities, p.created_at";

    private const string FindKeySql =
        "SELECT k.id, k.revoked_at, " + PrincipalColumns + " FROM api_keys k JOIN principals p ON p.id = k.principal_id WHERE k.key_hash = $1";

    private const string FindPrincipalSql = "SELECT " + PrincipalColumns + " FROM principals p WHERE p.name = $1";

    private const string ListPrincipalsSql = "SELECT " + PrincipalColumns + " FROM principals p ORDER BY p.id";

    private const string ListKeysSql = "SELECT principal_id, id, created_at, revoked_at FROM api_keys ORDER BY id";

    private const string InsertPrincipalSql =
        "INSERT INTO principals (name, role, subject, purpose, record_types, capabilities, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

    private const string InsertKeySql = "INSERT INTO api_keys (principal_id, key_hash, created_at, issued_by) VALUES ($1, $2, $3, $4) RETURNING id";

    private const string KeyIssuersSql =
        "SELECT DISTINCT i.name FROM principals p JOIN api_keys k ON k.principal_id = p.id JOIN principals i ON i.id = k.issued_by"
        + " WHERE p.name = $1 AND k.created_at <= $2 ORDER BY i.name";

    private const string RevokeKeySql = "UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

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
        Scalar(InsertPrincipalSql, principal.Name, principal.RoleName, Text(principal.Subject), Text(principal.Purpose),
            principal.RecordTypes.ToArray(), principal.Capabilities.ToArray(), principal.CreatedAt.UtcTicks);

    public long InsertKey(long principalId, byte[] keyHash, DateTimeOffset at, long? issuedBy) => Scalar(InsertKeySql, principalId, keyHash, at.UtcTicks, issuedBy);

    public IReadOnlyList<string> KeyIssuers(string name, DateTimeOffset until) => Rows(r => r.GetString(0), KeyIssuersSql, name, until.UtcTicks);

    public bool RevokeKey(long keyId, DateTimeOffset at) => NonQuery(RevokeKeySql, keyId, at.UtcTicks) == 1;

    public long RevokedKeyCount() => Scalar(RevokedKeyCountSql);

    private static Principal ReadPrincipal(NpgsqlDataReader r, int o)
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
            [.. Words(r, o + 5)],
            [.. Words(r, o + 6)],
            Instant(r, o + 7));
    }
}
