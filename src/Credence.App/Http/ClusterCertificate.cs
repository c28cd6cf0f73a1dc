using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credence.App.Http;

/// <summary>
/// The certificate every silo of a cluster presents, and the rule by which a silo accepts a peer (another
/// silo, or an Orleans client at a gateway): the peer's certificate carries the cluster certificate's public
/// key and is valid at the instant of the handshake. Anything else is refused during the TLS handshake,
/// before one Orleans message is read.
/// </summary>
/// <remarks>
/// Implementation note: the pin is the public key (its SubjectPublicKeyInfo), not a certificate authority:
/// TLS proves the peer holds the matching private key, so only a holder of the cluster's key file is let in,
/// whatever a certificate's subject says (a certificate with the same name and another key is refused), and
/// no public CA can issue its way in. Pinning the key rather than the exact certificate lets an operator
/// renew the certificate (same key, new dates) one silo at a time; its validity dates are still checked on
/// every handshake, so an expired certificate of the right key is refused too. The chain's own verdict is
/// not asked for: a self-signed cluster certificate is never in a trust store.
/// </remarks>
internal sealed class ClusterCertificate
{
    /// <summary>The environment variable the password of the certificate file is read from (never the command line).</summary>
    public const string PasswordVariable = "CREDENCE_CLUSTER_CERTIFICATE_PASSWORD";

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly byte[] publicKey;

    private ClusterCertificate(X509Certificate2 certificate, string origin)
    {
        Certificate = certificate;
        Origin = origin;
        publicKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The certificate, with its private key, that this silo presents.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where it came from (a file, or "made in memory"), for the log.</summary>
    public string Origin { get; }

    /// <summary>The SHA-256 of the pinned public key, in hex: what an operator compares between silos.</summary>
    public string KeyFingerprint => Convert.ToHexStringLower(SHA256.HashData(publicKey));

    /// <summary>Whether a peer presenting <paramref name="peer"/> at <paramref name="now"/> is one of the cluster.</summary>
    public bool Accepts(X509Certificate2? peer, DateTimeOffset now) =>
        peer is not null
        && CryptographicOperations.FixedTimeEquals(peer.PublicKey.ExportSubjectPublicKeyInfo(), publicKey)
        && now >= peer.NotBefore.ToUniversalTime()
        && now <= peer.NotAfter.ToUniversalTime();

    /// <summary>
    /// A certificate made in memory for a lone silo: its key never leaves the process, so nothing else on the
    /// machine can talk to the silo's loopback port (nor to a gateway opened for tooling without a file).
    /// </summary>
    public static ClusterCertificate Ephemeral(DateTimeOffset now) =>
        new(Make("CN=credence lone silo", now, TimeSpan.FromDays(3650)), "made in memory for this process");

    /// <summary>A new self-signed cluster certificate (ECDSA P-256, for TLS server and client authentication).</summary>
    public static X509Certificate2 Make(string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication), new Oid(ClientAuthentication)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        // Five minutes back: a certificate made on one machine is already valid on another whose clock is a little behind.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(lifetime));
    }

    /// <summary>
    /// Loads the cluster certificate from <paramref name="path"/> (PKCS#12/PFX, or PEM holding the certificate and its
    /// private key) and checks it can be presented at <paramref name="now"/>: the certificate, or the one-line reason not.
    /// </summary>
    public static (ClusterCertificate? Certificate, string? Problem) Load(string path, string? password, DateTimeOffset now)
    {
        var name = $"--cluster-certificate {path}";
        if (!File.Exists(path))
        {
            return (null, $"{name}: no such file");
        }

        X509Certificate2 certificate;
        try
        {
            var text = IsPem(path) ? File.ReadAllText(path) : null;
            if (text is not null)
            {
                if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                {
                    return (null, $"{name}: holds no private key (a PEM file needs the certificate and its key)");
                }

                certificate = text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
                    ? X509Certificate2.CreateFromEncryptedPem(text, text, password ?? string.Empty)
                    : X509Certificate2.CreateFromPem(text, text);
            }
            else if (X509Certificate2.GetCertContentType(path) is X509ContentType.Pkcs12)
            {
                try
                {
                    certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
                }
                catch (CryptographicException)
                {
                    return (null, $"{name}: the password is wrong (it is read from {PasswordVariable})");
                }
            }
            else
            {
                certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            }
        }
        catch (CryptographicException e)
        {
            return (null, $"{name}: not a certificate with its private key in PKCS#12 or PEM ({e.Message.TrimEnd('.')})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"{name}: cannot be read ({e.Message.TrimEnd('.')})");
        }

        var problem = Problem(certificate, now);
        if (problem is not null)
        {
            certificate.Dispose();
            return (null, $"{name}: {problem}");
        }

        return (new ClusterCertificate(certificate, path), null);
    }

    /// <summary>Wraps a certificate already checked (tests, and the lone silo's own).</summary>
    public static ClusterCertificate Of(X509Certificate2 certificate) => new(certificate, "given");

    private static string? Problem(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
        {
            return "holds no private key (a silo must prove it holds the cluster's key)";
        }

        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return $"not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return $"expired at {certificate.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
        }

        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage)
        {
            var usages = usage.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
            if (!usages.Contains(ServerAuthentication) || !usages.Contains(ClientAuthentication))
            {
                return "not for both TLS server and client authentication (a silo is both)";
            }
        }

        return null;
    }

    private static bool IsPem(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[64];
        var read = file.Read(head);
        return System.Text.Encoding.ASCII.GetString(head, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }
}
