using System.CommandLine;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Receipts;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence verify-receipt FILE (--key KEY | --checkpoint-url URL) [--origin ORIGIN]</c>: a subject
/// checks a receipt offline against a key it trusts.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: without a trusted key the command refuses to say "valid" at all: the proof
/// inside a receipt is checked against the checkpoint inside the same receipt, so anyone can make a
/// receipt that checks by signing a tree of their own. The key comes from <c>--key</c> (the verifier
/// key the operator publishes, or the file holding it) or from <c>--checkpoint-url</c>, the base URL
/// of a registry the user names: its <c>/v1/ledger/checkpoint</c> gives the key and the newest
/// checkpoint, the output says the key was fetched and prints its fingerprint for the user to compare
/// with the one published, and the receipt's checkpoint must be consistent with the registry's newest
/// (one consistency proof from the same URL), so a registry cannot show one subject a log it does not
/// show everyone. Nothing else is fetched, and nothing from any URL the user did not name.
/// </para>
/// <para>
/// The log's origin is <c>--origin</c>, else the origin the registry states, else the key's name (the
/// C2SP convention), so that a receipt from another log signed with the same key is refused.
/// </para>
/// </remarks>
internal static class VerifyReceiptCommand
{
    public const string NoTrustedKey = "no trusted key: pass --key or --checkpoint-url";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Receipt JSON file" };
        var key = new Option<string?>("--key") { Description = "The registry's verifier key (text, or a file holding it), as its operator publishes it" };
        var url = new Option<string?>("--checkpoint-url") { Description = "A registry's base URL, e.g. http://127.0.0.1:5080: fetch its verifier key and newest checkpoint from it (the fingerprint is printed)" };
        var origin = new Option<string?>("--origin") { Description = "The log's origin (checkpoint first line); default: the registry's stated origin, else the key's name" };
        var command = new Command("verify-receipt", "Check a receipt against a trusted key: the entry is in the tree the registry's signed checkpoint commits to") { file, key, url, origin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{path}: file not found");
                return ExitCodes.Invalid;
            }

            var (keyText, urlText) = (parse.GetValue(key), parse.GetValue(url));
            if (string.IsNullOrWhiteSpace(keyText) && string.IsNullOrWhiteSpace(urlText))
            {
                await Console.Error.WriteLineAsync(NoTrustedKey);
                return ExitCodes.Invalid;
            }

            NoteVerifierKey? given = null;
            if (!string.IsNullOrWhiteSpace(keyText))
            {
                try
                {
                    given = NoteVerifierKey.Parse((File.Exists(keyText) ? await File.ReadAllTextAsync(keyText, cancellationToken) : keyText).Trim());
                }
                catch (FormatException ex)
                {
                    await Console.Error.WriteLineAsync($"--key: not a verifier key ({ex.Message})");
                    return ExitCodes.Invalid;
                }
            }

            RegistryCheckpoint? fetched = null;
            if (!string.IsNullOrWhiteSpace(urlText))
            {
                var fetch = await RegistryCheckpoint.FetchAsync(urlText, cancellationToken);
                if (fetch.Problem is { } problem)
                {
                    await Console.Error.WriteLineAsync($"--checkpoint-url: {problem}");
                    return ExitCodes.Invalid;
                }

                fetched = fetch.Checkpoint!;
                Console.Out.WriteLine($"key fetched from {fetched.Source}, fingerprint {fetched.Key.Fingerprint} ({fetched.Key.Name}+{fetched.Key.KeyId:x8}); compare it with the fingerprint the registry publishes");
                if (given is not null && !given.Equals(fetched.Key))
                {
                    Console.Out.WriteLine($"invalid: the registry at {fetched.Source} serves key {fetched.Key.Fingerprint}, not the --key given ({given.Fingerprint})");
                    return ExitCodes.Invalid;
                }
            }

            var trusted = given ?? fetched!.Key;
            var expectedOrigin = parse.GetValue(origin) ?? fetched?.Origin ?? trusted.Name;
            var result = ReceiptVerifier.Verify(await File.ReadAllTextAsync(path, cancellationToken), new CheckpointVerifier(trusted, expectedOrigin));
            if (!result.IsValid)
            {
                Console.Out.WriteLine($"invalid: {result.Reason}");
                return ExitCodes.Invalid;
            }

            var consistency = string.Empty;
            if (fetched is not null)
            {
                var problem = await fetched.ConsistentWithAsync(result.Checkpoint!, cancellationToken);
                if (problem is not null)
                {
                    Console.Out.WriteLine($"invalid: {problem}");
                    return ExitCodes.Invalid;
                }

                consistency = $"; consistent with the registry's newest checkpoint (size {fetched.Checkpoint.Size})";
            }

            Console.Out.WriteLine($"valid: entry {result.Receipt!.Index} is in the tree of size {result.Checkpoint!.Size} of {result.Checkpoint.Origin}; checkpoint signature verified with key {trusted.Name}+{trusted.KeyId:x8} (fingerprint {trusted.Fingerprint}){consistency}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
