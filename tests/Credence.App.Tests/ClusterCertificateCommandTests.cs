using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credence.App.Http;

namespace Credence.App.Tests;

/// <summary>
/// <c>credence cluster certificate</c>, and <c>credence serve --cluster</c>'s refusal of every certificate a silo
/// must not present (one line, exit 1, before the store is opened): none at all, a missing file, a wrong password,
/// a certificate expired or not yet valid, one without its private key (PEM or PKCS#12 or DER), one not for TLS
/// client and server authentication.
/// </summary>
[Collection("console")]
public sealed class ClusterCertificateCommandTests : IDisposable
{
    private const string Variable = ClusterCertificate.PasswordVariable;

    // A port nothing answers on: a refusal that opened the store would fail differently (and slowly).
    private static readonly string[] Store = ["--store", "postgres", "--connection", "Host=127.0.0.1;Port=9;Username=nobody;Database=none;Timeout=1"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-cluster-certificate-tests", Guid.NewGuid().ToString("N"));

    public ClusterCertificateCommandTests()
    {
        Directory.CreateDirectory(folder);
        Environment.SetEnvironmentVariable(Variable, null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        Directory.Delete(folder, recursive: true);
    }

    private string File(string name) => Path.Combine(folder, name);

    [Fact]
    public void The_command_writes_a_certificate_with_its_key_readable_by_its_owner_only_that_serve_accepts()
    {
        var path = File("cluster.pfx");
        var (exit, output, error) = Cli.Run("cluster", "certificate", "--out", path, "--days", "30");
        Assert.True(exit == 0, error);
        Assert.Contains("valid until 2026-12-28T12:00:00Z", output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
        }

        var (loaded, problem) = ClusterCertificate.Load(path, null, Cli.Now);
        Assert.Null(problem);
        Assert.True(loaded!.Certificate.HasPrivateKey);
        Assert.Contains(loaded.KeyFingerprint, output, StringComparison.Ordinal);
        Assert.True(loaded.Accepts(loaded.Certificate, Cli.Now));

        // Refused a second time: the file may be a running cluster's key.
        var again = Cli.Run("cluster", "certificate", "--out", path);
        Assert.Equal(1, again.Exit);
        Assert.StartsWith($"cluster certificate: {path} exists; not overwritten", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_password_in_the_environment_the_file_needs_it_and_the_password_is_never_printed()
    {
        var path = File("protected.pfx");
        Environment.SetEnvironmentVariable(Variable, "s3cret-口令");
        var made = Cli.Run("cluster", "certificate", "--out", path);
        Assert.True(made.Exit == 0, made.Err);
        Assert.DoesNotContain("s3cret", made.Out + made.Err, StringComparison.Ordinal);
        Assert.Null(ClusterCertificate.Load(path, "s3cret-口令", Cli.Now).Problem);

        foreach (var wrong in new[] { "s3cret", "S3CRET-口令", "s3cret-口令 " })
        {
            Environment.SetEnvironmentVariable(Variable, wrong);
            var (exit, output, error) = Cli.Run(["serve", "--cluster", .. Store, "--cluster-certificate", path]);
            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, output);
            Assert.Equal($"serve: --cluster-certificate {path}: the password is wrong (it is read from {Variable})\n", error);
            Assert.DoesNotContain(wrong.Trim(), error, StringComparison.Ordinal);
        }

        Environment.SetEnvironmentVariable(Variable, null);
        Assert.StartsWith($"serve: --cluster-certificate {path}: the password is wrong", Cli.Run(["serve", "--cluster", .. Store, "--cluster-certificate", path]).Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("-1")]
    public void Days_out_of_range_are_refused(string days)
    {
        var (exit, _, error) = Cli.Run("cluster", "certificate", "--out", File("d.pfx"), "--days", days);
        Assert.Equal(1, exit);
        Assert.Equal("cluster certificate: --days: from 1 to 3650\n", error);
        Assert.False(System.IO.File.Exists(File("d.pfx")));
    }

    [Fact]
    public void Cluster_without_a_certificate_is_refused_there_is_no_unauthenticated_mode()
    {
        var (exit, output, error) = Cli.Run(["serve", "--cluster", .. Store, "--silo-port", "20001"]);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("serve: --cluster needs --cluster-certificate FILE: a silo talks only to peers that prove they hold the cluster's key (make one with credence cluster certificate)\n", error);
    }

    public static TheoryData<string, string> Unpresentable => new()
    {
        { "missing", "no such file" },
        { "expired", "expired at 2026-11-27T12:00:00Z" },
        { "not-yet-valid", "not valid before 2026-11-29T12:00:00Z" },
        { "pem-without-key", "holds no private key (a PEM file needs the certificate and its key)" },
        { "der-without-key", "holds no private key (a silo must prove it holds the cluster's key)" },
        { "pfx-without-key", "holds no private key (a silo must prove it holds the cluster's key)" },
        { "server-only", "not for both TLS server and client authentication (a silo is both)" },
        { "not-a-certificate", "not a certificate with its private key in PKCS#12 or PEM" },
        { "empty", "not a certificate with its private key in PKCS#12 or PEM" },
    };

    [Theory]
    [MemberData(nameof(Unpresentable))]
    public void A_certificate_a_silo_cannot_present_is_refused_with_its_own_reason(string kind, string reason)
    {
        var path = Write(kind);
        var (exit, output, error) = Cli.Run(["serve", "--cluster", .. Store, "--cluster-certificate", path]);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"serve: --cluster-certificate {path}: {reason}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_pem_file_with_the_certificate_and_its_key_is_a_cluster_certificate_too()
    {
        using var made = ClusterCertificate.Make("CN=credence cluster", Cli.Now, TimeSpan.FromDays(1));
        var path = File("cluster.pem");
        System.IO.File.WriteAllText(path, made.ExportCertificatePem() + "\n" + made.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var (loaded, problem) = ClusterCertificate.Load(path, null, Cli.Now);
        Assert.Null(problem);
        Assert.True(loaded!.Accepts(made, Cli.Now));
    }

    [Fact]
    public void The_pin_is_the_key_and_the_dates_not_the_name()
    {
        using var cluster = ClusterCertificate.Make("CN=credence cluster", Cli.Now, TimeSpan.FromDays(10));
        var pin = ClusterCertificate.Of(cluster);
        using var impostor = ClusterCertificate.Make("CN=credence cluster", Cli.Now, TimeSpan.FromDays(10));
        Assert.False(pin.Accepts(impostor, Cli.Now));
        Assert.False(pin.Accepts(null, Cli.Now));

        // The cluster's own key, renewed: accepted while valid; the same key expired or not yet valid is refused.
        using var key = cluster.GetECDsaPrivateKey()!;
        using var renewed = Signed(key, "CN=another name", Cli.Now.AddDays(-1), Cli.Now.AddDays(100));
        using var expired = Signed(key, "CN=credence cluster", Cli.Now.AddDays(-10), Cli.Now.AddDays(-1));
        using var early = Signed(key, "CN=credence cluster", Cli.Now.AddDays(1), Cli.Now.AddDays(100));
        Assert.True(pin.Accepts(renewed, Cli.Now));
        Assert.False(pin.Accepts(expired, Cli.Now));
        Assert.False(pin.Accepts(early, Cli.Now));
        Assert.False(pin.Accepts(cluster, Cli.Now.AddDays(11)));
    }

    private static X509Certificate2 Signed(ECDsa key, string subject, DateTimeOffset from, DateTimeOffset to)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(from, to);
    }

    private string Write(string kind)
    {
        var path = File(kind + ".cert");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        switch (kind)
        {
            case "missing":
                return path;
            case "expired":
                System.IO.File.WriteAllBytes(path, Signed(key, "CN=credence cluster", Cli.Now.AddDays(-30), Cli.Now.AddDays(-1)).Export(X509ContentType.Pkcs12));
                break;
            case "not-yet-valid":
                System.IO.File.WriteAllBytes(path, Signed(key, "CN=credence cluster", Cli.Now.AddDays(1), Cli.Now.AddDays(30)).Export(X509ContentType.Pkcs12));
                break;
            case "pem-without-key":
                System.IO.File.WriteAllText(path, Signed(key, "CN=credence cluster", Cli.Now.AddDays(-1), Cli.Now.AddDays(30)).ExportCertificatePem());
                break;
            case "der-without-key":
                System.IO.File.WriteAllBytes(path, Signed(key, "CN=credence cluster", Cli.Now.AddDays(-1), Cli.Now.AddDays(30)).Export(X509ContentType.Cert));
                break;
            case "pfx-without-key":
                using (var certificate = Signed(key, "CN=credence cluster", Cli.Now.AddDays(-1), Cli.Now.AddDays(30)))
                using (var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData))
                {
                    System.IO.File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12));
                }

                break;
            case "server-only":
                var request = new CertificateRequest("CN=credence cluster", key, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
                System.IO.File.WriteAllBytes(path, request.CreateSelfSigned(Cli.Now.AddDays(-1), Cli.Now.AddDays(30)).Export(X509ContentType.Pkcs12));
                break;
            case "not-a-certificate":
                System.IO.File.WriteAllText(path, "cluster: yes\npassword: no\n");
                break;
            case "empty":
                System.IO.File.WriteAllBytes(path, []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return path;
    }
}
