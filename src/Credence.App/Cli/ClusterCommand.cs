using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Credence.App.Http;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence cluster certificate --out FILE [--days N]</c>: a self-signed cluster certificate to try a cluster
/// with (every silo is given the same file; see docs/cluster.md, "Who may talk to a silo").
/// </summary>
/// <remarks>
/// Implementation note: the file holds the cluster's private key, so it is created new (never over another file)
/// with owner-only permissions (0600) from its first byte, not narrowed after writing. Its password, if any, comes
/// from the environment (<see cref="ClusterCertificate.PasswordVariable"/>), never from the command line, where
/// every user of the machine can read it in the process list.
/// </remarks>
internal static class ClusterCommand
{
    /// <summary>The cluster certificate file's password from the environment; null when unset or empty.</summary>
    public static string? Password() =>
        Environment.GetEnvironmentVariable(ClusterCertificate.PasswordVariable) is { Length: > 0 } password ? password : null;

    public static Command Create(TimeProvider clock)
    {
        var output = new Option<string>("--out") { Description = "The PKCS#12 (PFX) file to write (refused if it exists); give the same file to every silo (--cluster-certificate)", Required = true };
        var days = new Option<int>("--days") { Description = "How many days the certificate is valid (1 to 3650)", DefaultValueFactory = _ => 365 };
        var certificate = new Command("certificate", $"Make a self-signed cluster certificate (ECDSA P-256) with its private key, protected by {ClusterCertificate.PasswordVariable} when set; written with permissions 0600")
        {
            output, days,
        };
        certificate.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)!;
            if (parse.GetValue(days) is < 1 or > 3650)
            {
                await Console.Error.WriteLineAsync("cluster certificate: --days: from 1 to 3650");
                return ExitCodes.Invalid;
            }

            if (File.Exists(path) || Directory.Exists(path))
            {
                await Console.Error.WriteLineAsync($"cluster certificate: {path} exists; not overwritten (it may be a cluster's key)");
                return ExitCodes.Invalid;
            }

            var password = Password();
            using var made = ClusterCertificate.Make("CN=credence cluster", clock.GetUtcNow(), TimeSpan.FromDays(parse.GetValue(days)));
            var bytes = password is null
                ? made.Export(X509ContentType.Pkcs12)
                : made.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using var file = new FileStream(path, options);
                await file.WriteAsync(bytes, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cluster certificate: {path}: {e.Message}");
                return ExitCodes.Invalid;
            }

            var pinned = ClusterCertificate.Of(made);
            Console.Out.WriteLine($"{path}: cluster certificate valid until {made.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}, key sha256:{pinned.KeyFingerprint}, {(password is null ? $"no password ({ClusterCertificate.PasswordVariable} unset)" : $"password from {ClusterCertificate.PasswordVariable}")}");
            return ExitCodes.Ok;
        });
        return new Command("cluster", "The Orleans cluster of registries (credence serve --cluster)") { certificate };
    }
}
