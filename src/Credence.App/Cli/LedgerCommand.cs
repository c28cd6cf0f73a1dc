using System.CommandLine;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Receipts;

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

    public static Command VerifyReceipt()
    {
        var file = new Argument<string>("file") { Description = "Receipt JSON file" };
        var key = new Option<string?>("--key") { Description = "The registry's verifier key (text, or a file holding it); without it the signature is not checked" };
        var command = new Command("verify-receipt", "Check a receipt offline: the entry is in the tree the signed checkpoint commits to") { file, key };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: file not found");
                return ExitCodes.Invalid;
            }

            var keyText = parse.GetValue(key);
            if (keyText is not null && File.Exists(keyText))
            {
                keyText = File.ReadAllText(keyText).Trim();
            }

            var result = ReceiptVerifier.Verify(File.ReadAllText(path), keyText);
            if (!result.IsValid)
            {
                Console.Out.WriteLine($"invalid: {result.Reason}");
                return ExitCodes.Invalid;
            }

            var signature = result.SignatureVerified ? "checkpoint signature verified" : $"checkpoint signature NOT checked ({result.Reason})";
            Console.Out.WriteLine($"valid: entry {result.Receipt!.Index} is in the tree of size {result.Checkpoint!.Size} of {result.Checkpoint.Origin}; {signature}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
