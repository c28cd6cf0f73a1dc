namespace Credence.Cluster.Tests;

/// <summary>
/// The cluster certificate every silo of this test run presents, made once per test process by the executable
/// itself (<c>credence cluster certificate</c>, protected by a password that reaches every process through
/// <c>CREDENCE_CLUSTER_CERTIFICATE_PASSWORD</c>, as an operator would give it).
/// </summary>
internal static class ClusterCertificateFile
{
    public const string PasswordVariable = "CREDENCE_CLUSTER_CERTIFICATE_PASSWORD";

    /// <summary>The password of the run's certificate file (a test secret, not a real one).</summary>
    public const string Password = "cluster-test-password";

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "credence-cluster-certificate", Guid.NewGuid().ToString("N"));

    private static readonly Lazy<Task<string>> Made = new(MakeAsync);

    /// <summary>The path of the run's cluster certificate (PKCS#12), made on first use.</summary>
    public static Task<string> PathAsync() => Made.Value;

    private static async Task<string> MakeAsync()
    {
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        };
        var path = Path.Combine(Folder, "cluster.pfx");
        await CredenceCli.RunOkAsync(Folder, "cluster", "certificate", "--out", path, "--days", "2");
        return path;
    }
}
