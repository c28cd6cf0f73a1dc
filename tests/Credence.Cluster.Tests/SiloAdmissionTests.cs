using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Credence.Cluster.Tests;

/// <summary>
/// Who may talk to a silo (docs/cluster.md): a subject grain takes its caller's principal as data, so anyone who
/// could speak Orleans to a silo or a gateway could decide as any relying party and read anyone's file, past the
/// API's authentication. Two real <c>--cluster</c> silos (the second with a gateway opened for tooling): only the
/// HTTP API and the silo port listen unless a gateway is asked for; bytes, a TLS client without the cluster's key,
/// an Orleans client without it, with a certificate of the same name and another key, or with the cluster's key
/// in an expired certificate, get no Orleans conversation; a silo with another certificate never becomes a member
/// while the good silos go on answering. On the code before this test every one of these was let in.
/// </summary>
/// <remarks>
/// Implementation note: the tests share one two-silo cluster (<see cref="AdmissionCluster"/>): none changes what another
/// looks at (the impostor silo never becomes a member and is killed; clients come and go), and starting real processes
/// once per test would be most of the class's time.
/// </remarks>
public sealed class SiloAdmissionTests(SiloAdmissionTests.AdmissionCluster fixture, ITestOutputHelper output) : IClassFixture<SiloAdmissionTests.AdmissionCluster>
{
    /// <summary>How long a client that is not let in is given to get in anyway (one with the key needs well under a second).</summary>
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(15);

    private RegistryCluster C => fixture.Cluster;

    /// <summary>Two real silos, the second with a gateway opened for tooling, for the whole class.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
    public sealed class AdmissionCluster : IAsyncLifetime
    {
        private RegistryCluster? cluster;

        internal RegistryCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster has not started");

        public async Task InitializeAsync() => cluster = await RegistryCluster.StartAsync(2, gatewayFor: i => i == 1);

        public async Task DisposeAsync()
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    [Fact]
    public void A_cluster_silo_listens_on_its_api_and_silo_port_only_and_on_a_gateway_only_when_asked()
    {
        var (plain, tooling) = (C.Silos[0], C.Silos[1]);
        Assert.Equal(
            new HashSet<(string, int)> { ("127.0.0.1", plain.Address.Port), ("127.0.0.1", plain.SiloPort) },
            ListeningSockets.Of(plain.Pid));
        Assert.Equal(
            new HashSet<(string, int)> { ("127.0.0.1", tooling.Address.Port), ("127.0.0.1", tooling.SiloPort), ("127.0.0.1", tooling.GatewayPort!.Value) },
            ListeningSockets.Of(tooling.Pid));
    }

    [Fact]
    public async Task Bytes_and_tls_clients_without_the_cluster_key_get_no_orleans_conversation_on_a_silo_port_or_a_gateway()
    {
        using var impostor = Impostor();
        var ports = new[] { C.Silos[0].SiloPort, C.Silos[1].SiloPort, C.Silos[1].GatewayPort!.Value };
        foreach (var port in ports)
        {
            // Garbage, an HTTP request, and the start of what an Orleans peer sends first (a length-prefixed preamble).
            foreach (var bytes in new[] { Encoding.ASCII.GetBytes("hello silo\r\n"), Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), [0x62, 0, 0, 0, 0x20, 0x08, 0x15, 0x03] })
            {
                var answer = await RawAsync(port, bytes);
                AssertNoOrleans(answer, $"{bytes.Length} plain bytes to port {port}");
                Assert.True(answer.Length == 0 || answer[0] == 0x15, $"port {port} answered plain bytes with something other than a TLS alert: {Convert.ToHexString(answer)}");
            }

            // TLS without a client certificate, and with a certificate of the cluster's name and another key.
            foreach (var certificate in new[] { null, impostor })
            {
                var answer = await TlsAsync(port, certificate);
                AssertNoOrleans(answer, $"TLS ({certificate?.Subject ?? "no certificate"}) to port {port}");
                Assert.Empty(answer);
            }
        }
    }

    [Fact]
    public async Task An_orleans_client_without_the_cluster_key_cannot_call_a_grain_and_one_with_it_can()
    {
        var gateway = C.Silos[1].GatewayPort!.Value;
        using var cluster = X509CertificateLoader.LoadPkcs12FromFile(C.Certificate, ClusterCertificateFile.Password);
        using var impostor = Impostor();
        using var key = cluster.GetECDsaPrivateKey()!;
        using var expired = Signed(key, cluster.Subject, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
        foreach (var (what, certificate) in new (string, X509Certificate2?)[] { ("no TLS", null), ("the cluster's name with another key", impostor), ("the cluster's key, expired", expired) })
        {
            // Refused (the connection closed during the handshake), or still not connected after a bound far above the
            // time the same client with the key takes (a client that is not let in retries until it gives up).
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => HostsThroughAsync(gateway, certificate, RefusalBound, retry: false));
            output.WriteLine($"{what}: {refused.GetType().Name}: {refused.Message}");
            Assert.True(refused is OperationCanceledException || refused.GetType().Namespace!.StartsWith("Orleans", StringComparison.Ordinal), refused.ToString());
        }

        // The same client with the cluster's certificate reaches a grain: the refusals above are the silo's, not the client's.
        var admitted = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(2, await HostsThroughAsync(gateway, cluster, RegistryCluster.StartBound, retry: true));
        output.WriteLine($"with the cluster's key: connected and answered in {admitted.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_silo_with_another_certificate_never_becomes_a_member_and_the_cluster_goes_on_answering()
    {
        var impostorFile = Path.Combine(C.Folder, "impostor.pfx");
        using (var impostor = Impostor())
        {
            File.WriteAllBytes(impostorFile, impostor.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, ClusterCertificateFile.Password));
        }

        using var process = SiloProcess.Prepare(C.Folder, C.Database.ConnectionString, C.LedgerKey, C.ClusterId, impostorFile, 1, gateway: false, out var siloPort, out _);
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => CredenceCli.Keep(log, e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => CredenceCli.Keep(log, e.Data ?? string.Empty);
        CredenceCli.Start(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // It wrote itself into the membership table as joining and tried every member: each refused it during the handshake.
            await C.Until("the impostor silo is refused by every member", () =>
            {
                lock (log)
                {
                    return Task.FromResult(process.HasExited || log.ToString().Contains("Failed to get ping responses from 2 of 2 active silos", StringComparison.Ordinal));
                }
            });
            var statuses = await StatusesAsync(siloPort);
            lock (log)
            {
                output.WriteLine($"impostor: {(process.HasExited ? $"exited {process.ExitCode}" : "still running")}; statuses {string.Join(", ", statuses)}\n{log}");
            }

            Assert.NotEmpty(statuses);
            Assert.DoesNotContain(SiloStatus.Active, statuses);
            foreach (var silo in C.Silos)
            {
                var ready = await silo.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
                var body = await ready.Content.ReadAsStringAsync();
                Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
                Assert.Contains("2 active in the cluster", body, StringComparison.Ordinal);
                var decision = await RegistryCluster.SendAsync(silo.Client, HttpMethod.Post, "/v1/decisions", C.RailwayKey, RegistryCluster.Body(new { subject = PersonIds.Warmup, measure = RegistryCluster.Measure }));
                Assert.True(decision.IsSuccessStatusCode, $"{silo.Name}: {(int)decision.StatusCode} {await decision.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_lone_registry_opens_loopback_ports_only_and_its_silo_port_speaks_tls_only()
    {
        var folder = Path.Combine(C.Folder, "lone");
        Directory.CreateDirectory(folder);
        using var process = CredenceCli.Prepare(folder, ["serve", "--db", Path.Combine(folder, "lone.db"), "--urls", "http://127.0.0.1:0", "--plain-logs"]);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void Line(string? line)
        {
            CredenceCli.Keep(log, line ?? string.Empty);
            if (line?.Contains("listening on http://127.0.0.1:", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        CredenceCli.Start(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(RegistryCluster.StartBound);
            var sockets = ListeningSockets.Of(process.Id);
            output.WriteLine(string.Join(", ", sockets));

            // The HTTP API and the silo's own port, both on loopback; no gateway.
            Assert.Equal(2, sockets.Count);
            Assert.All(sockets, s => Assert.Equal("127.0.0.1", s.Address));
            foreach (var (_, port) in sockets)
            {
                var answer = await RawAsync(port, Encoding.ASCII.GetBytes("hello silo\r\n"));
                AssertNoOrleans(answer, $"plain bytes to the lone registry's port {port}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The number of active silos an Orleans client sees through the gateway, presenting <paramref name="certificate"/> (none: no TLS).</summary>
    /// <param name="retry">
    /// Whether the client tries again after a failed connection. A client the silo refuses is not given retries: its
    /// first attempt's failure is the silo's answer (the bound stays, should the attempt hang instead), so the test does
    /// not wait out a client that would go on trying until the bound.
    /// </param>
    private async Task<int> HostsThroughAsync(int gateway, X509Certificate2? certificate, TimeSpan within, bool retry)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway));
                if (!retry)
                {
                    client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                }

                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = C.ClusterId;
                    o.ServiceId = "credence";
                });
                if (certificate is not null)
                {
                    client.UseTls(certificate, tls =>
                    {
                        // The client trusts whatever the silo presents: what is tested is the silo's judgement of the client.
                        tls.AllowAnyRemoteCertificate();
                    });
                }
            })
            .Build();
        using var deadline = new CancellationTokenSource(within);
        await host.StartAsync(deadline.Token);
        try
        {
            var hosts = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(deadline.Token);
            return hosts.Count;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Sends <paramref name="bytes"/> to a loopback port and reads what comes back until the other end closes.</summary>
    private static async Task<byte[]> RawAsync(int port, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        return await ReadToEndAsync(stream);
    }

    /// <summary>A TLS handshake presenting <paramref name="certificate"/> (or none), then what the silo sends until it closes.</summary>
    private static async Task<byte[]> TlsAsync(int port, X509Certificate2? certificate)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, presented, _, _) => presented is not null);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "credence",
                ClientCertificates = certificate is null ? null : [certificate],
            });
            return await ReadToEndAsync(tls);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return [];
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var deadline = new CancellationTokenSource(RegistryCluster.StartBound);
        using var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, deadline.Token);
        }
        catch (IOException)
        {
            // Reset by the silo: it said nothing more.
        }

        return buffer.ToArray();
    }

    /// <summary>An Orleans silo's first words are its preamble: the silo-direct id and the cluster's id.</summary>
    private void AssertNoOrleans(byte[] answer, string what)
    {
        var text = Encoding.ASCII.GetString(answer);
        Assert.False(text.Contains("sys.silo", StringComparison.Ordinal) || text.Contains(C.ClusterId, StringComparison.Ordinal) || text.Contains("credence", StringComparison.Ordinal),
            $"{what}: the silo spoke Orleans: {Convert.ToHexString(answer)}");
    }

    /// <summary>The statuses of the membership rows of the silo on <paramref name="siloPort"/> in this cluster.</summary>
    private async Task<List<SiloStatus>> StatusesAsync(int siloPort)
    {
        await using var connection = new NpgsqlConnection(C.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM cluster_members WHERE cluster_id = $1 AND silo LIKE $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = C.ClusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = $"%:{siloPort}@%" });
        var statuses = new List<SiloStatus>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses.Add((SiloStatus)reader.GetInt32(0));
        }

        return statuses;
    }

    /// <summary>A certificate with the cluster's subject name, usages and dates, and a key of its own.</summary>
    private static X509Certificate2 Impostor()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Signed(key, "CN=credence cluster", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Signed(ECDsa key, string subject, DateTimeOffset from, DateTimeOffset to)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(from, to);
    }
}
