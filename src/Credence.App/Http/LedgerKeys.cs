using System.Text;
using Credence.Ledger.Checkpoints;
using Credence.Registry;
using Credence.Registry.Ledger;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// The operator's checkpoint key for a served registry: <c>--ledger-key FILE</c>, else
/// <c>&lt;db&gt;.ledger.key</c> beside a SQLite database, or <c>&lt;database name&gt;.ledger.key</c> in the
/// working directory for a PostgreSQL one; when that file is missing it is created at first
/// start (mode 600, verifier key in <c>.pub</c>) and the verifier key is logged.
/// </summary>
/// <remarks>
/// Implementation note: generating a key rather than refusing to start keeps the ledger always on
/// (there is no unsigned mode); the operator publishes the logged verifier key, or replaces the file
/// with a key made by <c>credence ledger keygen --out &lt;db&gt;.ledger.key</c> before the first start.
/// </remarks>
internal static partial class LedgerKeys
{
    /// <summary>The checkpoint origin of a database: <c>credence/&lt;file name&gt;</c> (whitespace and '+' become '-').</summary>
    public static string Origin(string databasePath)
    {
        var name = new StringBuilder(Path.GetFileName(Path.GetFullPath(databasePath)));
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsWhiteSpace(name[i]) || name[i] == '+')
            {
                name[i] = '-';
            }
        }

        return "credence/" + name;
    }

    /// <summary>The key file used for a database when none is given.</summary>
    public static string DefaultPath(string databasePath) => Path.GetFullPath(databasePath) + ".ledger.key";

    /// <summary>The key file used for a store when none is given: beside a SQLite file, or named after a PostgreSQL database in the working directory.</summary>
    public static string DefaultPath(Credence.Registry.Storage.StoreChoice store) =>
        store.IsFile ? DefaultPath(store.Target) : Path.GetFullPath(store.Name + ".ledger.key");

    /// <summary>Loads the signing key (creating it when missing), and the ledger service over the registry.</summary>
    public static LedgerService Service(RegistryServerOptions options, CredenceRegistry registry)
    {
        var path = options.LedgerKeyPath ?? DefaultPath(options.Choice);
        var origin = Origin(options.Choice.Name);
        var signer = LoadOrCreate(path, origin);
        return registry.Ledger(signer, origin, options.CheckpointInterval);
    }

    /// <summary>Reads a private key file (as <c>credence ledger keygen</c> writes it), or creates one named <paramref name="name"/>.</summary>
    /// <exception cref="IOException">The file exists but does not hold a checkpoint signing key.</exception>
    public static CheckpointSigner LoadOrCreate(string path, string name)
    {
        if (!File.Exists(path))
        {
            var pair = CheckpointSigner.GenerateKey(name);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, Encoding.UTF8, options))
            {
                writer.WriteLine(pair.PrivateKey);
            }

            File.WriteAllText(path + ".pub", pair.VerifierKey + "\n");
        }

        try
        {
            return CheckpointSigner.FromPrivateKey(File.ReadAllText(path).Trim());
        }
        catch (FormatException ex)
        {
            throw new IOException($"{path}: not a checkpoint signing key ({ex.Message})", ex);
        }
    }

    public static void LogVerifierKey(ILogger logger, LedgerService ledger) => VerifierKey(logger, ledger.Origin, ledger.VerifierKey.Encoded);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "ledger {Origin}: checkpoints verify with {VerifierKey}")]
    private static partial void VerifierKey(ILogger logger, string origin, string verifierKey);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "scheduled checkpoint signing failed; the next run retries")]
    public static partial void SigningFailed(ILogger logger, Exception exception);
}
