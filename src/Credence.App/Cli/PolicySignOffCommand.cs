using System.CommandLine;
using Credence.Registry.Access;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence policy sign-off TAG --report DIGEST [--key KEY] [STORE]</c>: a second operator signs
/// off the newest simulation report of a stored version. The signer proves who they are with their
/// own operator API key (<c>--key</c>, or <c>CREDENCE_KEY</c> so that it stays out of the shell's
/// history): the command line's local operator, who uploads through <c>policy activate</c>, cannot sign its own upload.
/// </summary>
internal static class PolicySignOffCommand
{
    public static Command Create(TimeProvider clock)
    {
        var tag = new Argument<string>("tag") { Description = "The stored policy version, e.g. rongcheng-persons@2026.2" };
        var report = new Option<string>("--report") { Description = "The digest of the simulation report read (sha256:...)", Required = true };
        var key = new Option<string?>("--key") { Description = "The signing operator's API key (default: the environment variable CREDENCE_KEY)" };
        var db = KeysCommand.Db();
        var command = new Command("sign-off", "Sign off a policy version's newest simulation report as a second operator") { tag, report, key };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secret = parse.GetValue(key) ?? Environment.GetEnvironmentVariable("CREDENCE_KEY");
            if (string.IsNullOrWhiteSpace(secret))
            {
                return KeysCommand.Fail("policy sign-off: the signing operator's key is required (--key or CREDENCE_KEY); the local operator cannot sign off");
            }

            if (KeysCommand.Open(db, parse, clock, "policy sign-off") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var by = await registry.Principals.AuthenticateAsync($"Bearer {secret.Trim()}", "policy.sign-off", cancellationToken: cancellationToken);
            if (!by.IsOk)
            {
                return KeysCommand.Fail($"policy sign-off: {by.Problem}");
            }

            var signOff = await registry.Simulations.SignOffAsync(by.Value, parse.GetValue(tag)!, parse.GetValue(report)!, cancellationToken);
            if (!signOff.IsOk)
            {
                return KeysCommand.Fail($"policy sign-off: {signOff.Problem}");
            }

            Console.Out.WriteLine($"{signOff.Value.PolicyTag} signed off by {signOff.Value.SignedBy} on report {signOff.Value.ReportDigest} (sign-off {signOff.Value.Id}); it may now be activated");
            return ExitCodes.Ok;
        });
        return command;
    }
}
