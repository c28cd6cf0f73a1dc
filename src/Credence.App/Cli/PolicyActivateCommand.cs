using System.CommandLine;
using System.Globalization;
using Credence.Core.Policies.Loading;
using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.App.Cli;

/// <summary><c>credence policy activate FILE --db PATH [--from INSTANT]</c>: validates, stores and activates a policy.</summary>
internal static class PolicyActivateCommand
{
    public static Command Create(TimeProvider clock)
    {
        var file = new Argument<string>("file") { Description = "Policy YAML file" };
        var db = KeysCommand.Db();
        var from = new Option<string?>("--from") { Description = "ISO 8601 instant the activation takes effect (default: now; never in the past)" };
        var command = new Command("activate", "Validate, store and activate a policy for its kind of subject") { file, from };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return KeysCommand.Fail($"{path}: file not found");
            }

            DateTimeOffset? effective = null;
            if (parse.GetValue(from) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return KeysCommand.Fail($"--from '{text}' is not an ISO 8601 instant");
                }

                effective = at;
            }

            var (yaml, unreadable) = PolicyText.ReadFile(path);
            if (yaml is null)
            {
                Console.Out.WriteLine(unreadable!.ToString());
                return ExitCodes.Invalid;
            }

            if (KeysCommand.Open(db, parse, clock, "policy activate") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var by = Principal.LocalOperator();
            var upload = await registry.Policies.UploadAsync(by, yaml, path, cancellationToken);
            if (!upload.IsOk)
            {
                Console.Error.WriteLine($"{path}: {upload.Problem}");
                foreach (var error in upload.Problem.Errors)
                {
                    Console.Out.WriteLine(error);
                }

                return ExitCodes.Invalid;
            }

            var stored = upload.Value.Policy;
            var activation = await registry.Policies.ActivateAsync(by, stored.Tag, effective, cancellationToken);
            if (!activation.IsOk)
            {
                return KeysCommand.Fail($"{path}: {activation.Problem}");
            }

            var kind = stored.Subjects == Core.Identifiers.SubjectKind.Person ? "persons" : "organisations";
            Console.Out.WriteLine($"{path}: {stored.Tag} {(upload.Value.Created ? "stored" : "already stored")}; active for {kind} from {activation.Value.EffectiveFrom:yyyy-MM-dd'T'HH:mm:ss'Z'} (activation {activation.Value.Id})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
