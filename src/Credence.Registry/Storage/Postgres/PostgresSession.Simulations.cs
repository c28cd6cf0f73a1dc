using System.Text.Json;
using Credence.Registry.Simulation;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Policy simulation reports and sign-offs.</summary>
internal sealed partial class PostgresSession
{
    private const string SimulationColumns = "id, policy_tag, policy_digest, against_tag, as_of, created_at, created_by, digest, report, sample_subjects";

    private const string InsertSimulationSql = "INSERT INTO simulation_reports (" + SimulationColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private const string FindSimulationSql = "SELECT " + SimulationColumns + " FROM simulation_reports WHERE id = $1";

    private const string FindSimulationByDigestSql = "SELECT " + SimulationColumns + " FROM simulation_reports WHERE digest = $1";

    private const string LatestSimulationSql = "SELECT " + SimulationColumns + " FROM simulation_reports WHERE policy_tag = $1 ORDER BY created_at DESC, id DESC LIMIT 1";

    private const string InsertSignOffSql = "INSERT INTO policy_sign_offs (policy_tag, report_digest, signed_by, signed_at) VALUES ($1, $2, $3, $4) RETURNING id";

    private const string LatestSignOffSql = "SELECT id, policy_tag, report_digest, signed_by, signed_at FROM policy_sign_offs WHERE policy_tag = $1 ORDER BY id DESC LIMIT 1";

    public void InsertSimulation(StoredSimulation simulation) =>
        NonQuery(InsertSimulationSql, simulation.Id, simulation.PolicyTag, simulation.PolicyDigest, simulation.AgainstTag, simulation.AsOf.UtcTicks, simulation.CreatedAt.UtcTicks,
            simulation.CreatedBy, simulation.Digest, simulation.Report, JsonSerializer.Serialize(simulation.SampleSubjects));

    public StoredSimulation? FindSimulation(string id) => Row(ReadSimulation, FindSimulationSql, id);

    public StoredSimulation? FindSimulationByDigest(string digest) => Row(ReadSimulation, FindSimulationByDigestSql, digest);

    public StoredSimulation? LatestSimulation(string policyTag) => Row(ReadSimulation, LatestSimulationSql, policyTag);

    public long InsertSignOff(PolicySignOff signOff) => Scalar(InsertSignOffSql, signOff.PolicyTag, signOff.ReportDigest, signOff.SignedBy, signOff.SignedAt.UtcTicks);

    public PolicySignOff? LatestSignOff(string policyTag) =>
        Row(r => new PolicySignOff(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Instant(r, 4)), LatestSignOffSql, policyTag);

    private static StoredSimulation ReadSimulation(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), Instant(r, 4), Instant(r, 5), r.GetString(6), r.GetString(7), r.GetString(8),
            JsonSerializer.Deserialize<System.Collections.Immutable.ImmutableArray<string>>(r.GetString(9)));
}
