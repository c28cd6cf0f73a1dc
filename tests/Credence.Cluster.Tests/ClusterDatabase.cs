using Npgsql;

namespace Credence.Cluster.Tests;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class on the server <c>CREDENCE_TEST_POSTGRES</c> names
/// (scripts/test.sh starts one), dropped after; the registry's own processes migrate it.
/// </summary>
internal sealed class ClusterDatabase
{
    public const string ServerVariable = "CREDENCE_TEST_POSTGRES";

    private const string Prefix = "credence_cluster_";

    private ClusterDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string the silos and the CLI use.</summary>
    public string ConnectionString { get; }

    public static ClusterDatabase Create()
    {
        var name = Prefix + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name}");
        return new ClusterDatabase(name, new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString);
    }

    /// <summary>The connection string through another host and port (a forwarder in front of the server).</summary>
    public string Through(string host, int port) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = host, Port = port }.ConnectionString;

    /// <summary>The server's own address, where a forwarder sends what it takes in.</summary>
    public static (string Host, int Port) ServerEndpoint()
    {
        var settings = new NpgsqlConnectionStringBuilder(Server());
        return (settings.Host!, settings.Port);
    }

    public void Drop()
    {
        // Killed silos' sessions may still be open on the server for a moment: FORCE ends them.
        Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static string Server()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"the cluster's fault tests need a PostgreSQL server: run scripts/test.sh (it starts one), or set {ServerVariable} to a connection string whose user may CREATE DATABASE");
        }

        return server;
    }

    private static void Admin(string sql) =>
        Credence.Testing.PostgresAdmin.Execute(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres" }.ConnectionString, sql);
}
