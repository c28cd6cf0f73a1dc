using System.CommandLine;
using Credence.Ledger.Checkpoints;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence ledger keygen</c> (the operator's checkpoint signing key) and
/// <c>credence verify-receipt</c> (a subject checks a receipt offline).
/// </summary>
internal static class LedgerCommand
{
    public static Command Keygen()
    {
        var name = new Option<string>("--name") { Description = "Key name, conventionally the ledger's origin, e.g. credence.example/registry", Required = true };
        var output = new Option<string>("--out") { Description = "File to write the private key to (mode 600); the verifier key goes to FILE.pub and stdout", DefaultValueFactory = _ => "ledger.key" };
        var keygen = new Command("keygen", "Create the Ed25519 key that signs checkpoints") { name, output };
        keygen.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: exists; refusing to overwrite a signing key");
                return ExitCodes.Invalid;
            }

            CheckpointKeyPair pair;
            try
            {
                pair = CheckpointSigner.GenerateKey(parse.GetValue(name)!);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"--name: {ex.Message}");
                return ExitCodes.Invalid;
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options))
            {
                writer.WriteLine(pair.PrivateKey);
            }

            File.WriteAllText(path + ".pub", pair.VerifierKey + "\n");
            Console.Out.WriteLine(pair.VerifierKey);
            return ExitCodes.Ok;
        });
        return new Command("ledger", "The tamper-evident ledger") { keygen };
    }

    /// <summary><c>credence verify-receipt</c>: see <see cref="VerifyReceiptCommand"/>.</summary>
    public static Command VerifyReceipt() => VerifyReceiptCommand.Create();
}
