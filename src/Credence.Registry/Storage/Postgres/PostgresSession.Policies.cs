using Credence.Core.Identifiers;
using Credence.Registry.Policies;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Policies, their activations and which version the stored states were computed under.</summary>
internal sealed partial class PostgresSession
{
    private const string PolicyColumns = "tag, policy_id, version, subjects, yaml, uploaded_at, uploaded_by";

    private const string FindPolicySql = "SELECT " + PolicyColumns + " FROM policies WHERE tag = $1";

    private const string ListPoliciesSql = "SELECT " + PolicyColumns + " FROM policies ORDER BY uploaded_at, tag COLLATE \"C\"";

    private const string InsertPolicySql = "INSERT INTO policies (" + PolicyColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";

    private const string ListActivationsSql = "SELECT id, tag, subjects, effective_from, activated_at, activated_by FROM policy_activations ORDER BY id";

    private const string ActivationCountSql = "SELECT count(*) FROM policy_activations";

    private const string InsertActivationSql =
        "INSERT INTO policy_activations (tag, subjects, effective_from, activated_at, activated_by) VALUES ($1, $2, $3, $4, $5) RETURNING id";

    private const string MaterialisedSql = "SELECT policy_tag FROM materialised_policies WHERE kind = $1";

    private const string SetMaterialisedSql =
        "INSERT INTO materialised_policies (kind, policy_tag) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE SET policy_tag = excluded.policy_tag";

    public StoredPolicy? FindPolicy(string tag) => Row(ReadPolicy, FindPolicySql, tag);

    public IReadOnlyList<StoredPolicy> ListPolicies() => Rows(ReadPolicy, ListPoliciesSql);

    public IReadOnlyList<PolicyActivation> ListActivations() =>
        Rows(r => new PolicyActivation(r.GetInt64(0), r.GetString(1), (SubjectKind)r.GetInt32(2), Instant(r, 3), Instant(r, 4), r.GetString(5)), ListActivationsSql);

    public long ActivationCount() => Scalar(ActivationCountSql);

    public void InsertPolicy(StoredPolicy policy) =>
        NonQuery(InsertPolicySql, policy.Tag, policy.PolicyId, policy.Version, (int)policy.Subjects, policy.Yaml, policy.UploadedAt.UtcTicks, policy.UploadedBy);

    public long InsertActivation(PolicyActivation activation) =>
        Scalar(InsertActivationSql, activation.Tag, (int)activation.Subjects, activation.EffectiveFrom.UtcTicks, activation.ActivatedAt.UtcTicks, activation.ActivatedBy);

    public string? MaterialisedPolicy(SubjectKind kind) => Row(r => r.GetString(0), MaterialisedSql, (int)kind);

    public void SetMaterialisedPolicy(SubjectKind kind, string policyTag) => NonQuery(SetMaterialisedSql, (int)kind, policyTag);

    private static StoredPolicy ReadPolicy(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), (SubjectKind)r.GetInt32(3), r.GetString(4), Instant(r, 5), r.GetString(6));
}
