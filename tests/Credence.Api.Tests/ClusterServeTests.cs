using Credence.App.Http;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Api.Tests;

/// <summary>
/// <c>credence serve</c>'s cluster options: every combination that cannot be served is refused before the
/// store is opened, with one line and exit 1, whatever its spelling.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ClusterServeTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-cluster-cli", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(ApiHost.Start);

    public ClusterServeTests() => Directory.CreateDirectory(folder);

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string[], string> Refused => new()
    {
        { ["--cluster"], "--cluster needs --store postgres" },
        { ["--cluster", "--store", "sqlite"], "--cluster needs --store postgres" },
        { ["--cluster", "--store", " SQLite "], "--cluster needs --store postgres" },
        { ["--cluster", "--silo-port", "11112", "--gateway-port", "30001"], "--cluster needs --store postgres" },
        { ["--silo-port", "0"], "--silo-port: a port from 1 to 65535" },
        { ["--silo-port", "65536"], "--silo-port: a port from 1 to 65535" },
        { ["--silo-port", "-1"], "--silo-port: a port from 1 to 65535" },
        { ["--gateway-port", "0"], "--gateway-port: a port from 1 to 65535" },
        { ["--silo-port", "20000", "--gateway-port", "20000"], "--silo-port and --gateway-port are both 20000" },
        { ["--cluster-id", "my cluster"], "--cluster-id: 1 to 64 ASCII letters" },
        { ["--cluster-id", "集群"], "--cluster-id: 1 to 64 ASCII letters" },
        { ["--cluster-id", "ｃｒｅｄｅｎｃｅ"], "--cluster-id: 1 to 64 ASCII letters" },
        { ["--cluster-id", ""], "--cluster-id: 1 to 64 ASCII letters" },
        { ["--cluster-id", new string('a', 65)], "--cluster-id: 1 to 64 ASCII letters" },
        { ["--service-id", "credence;drop"], "--service-id: 1 to 64 ASCII letters" },
        { ["--advertise", "10.1.2.3"], "--advertise is for --cluster" },
        { ["--advertise", "not-an-address"], "--advertise: 'not-an-address' is not an IP address" },
        { ["--cluster", "--advertise", "１２７.0.0.1"], "--advertise: '１２７.0.0.1' is not an IP address" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Serve_options_that_cannot_be_served_are_refused_in_one_line_before_the_store_is_touched(string[] options, string reason)
    {
        var (exit, output, error) = CliRun.Run(clock, ["serve", "--db", Db, "--urls", "http://127.0.0.1:0", .. options]);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("serve: " + reason, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(Db), "the refused command created the database");
    }

    [Fact]
    public void A_lone_silo_takes_a_free_port_and_no_gateway_and_a_cluster_member_takes_orleans_silo_port_and_no_gateway()
    {
        Assert.Null(SiloOptions.Alone.EffectiveSiloPort);
        Assert.Equal(0, SiloOptions.Alone.EffectiveGatewayPort);
        var member = new SiloOptions { Cluster = true };
        Assert.Equal(SiloOptions.ClusterSiloPort, member.EffectiveSiloPort);
        Assert.Equal(0, member.EffectiveGatewayPort);
        Assert.Null(member.Problem());
        Assert.Equal(System.Net.IPAddress.Loopback, member.AdvertisedAddress);
    }
}
