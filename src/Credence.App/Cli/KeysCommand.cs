using System.CommandLine;
using System.Text.Json;
using Credence.App.Http.Documents;
using Credence.App.Output;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence keys create|list|revoke --db PATH</c>: the operator's key management on the database
/// itself (how the first operator key is made). A key is printed once; only its hash is stored.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(TimeProvider clock)
    {
        var db = Db();
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.AllNames)}", Required = true };
        var name = new Option<string>("--name") { Description = "Unique name; a source's name is the source id in its records", Required = true };
        var types = ListOption.Create("--types", "Record types a source may submit");
        var capabilities = ListOption.Create("--capabilities", "Capabilities or measure ids a relying party may ask about");
        var purpose = new Option<string?>("--purpose") { Description = "A relying party's stated purpose" };
        var subject = new Option<string?>("--subject") { Description = "The identifier a subject key is bound to" };
        var json = new Option<bool>("--json") { Description = "Print the issued key as JSON" };
        var create = new Command("create", "Register a principal and print a new key for it (shown once)") { role, name, types, capabilities, purpose, subject, json };
        db.AddTo(create);
        create.SetAction(async (parse, cancellationToken) =>
        {
            if (!Roles.TryParse(parse.GetValue(role), out var r))
            {
                return Fail($"--role '{parse.GetValue(role)}' is not one of {string.Join(", ", Roles.AllNames)}");
            }

            if (Open(db, parse, clock, "keys create") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var registration = new PrincipalRegistration(r, parse.GetValue(name)!, ListOption.Values(parse, types), ListOption.Values(parse, capabilities), parse.GetValue(purpose), parse.GetValue(subject));
            var issued = await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), registration, cancellationToken);
            if (!issued.IsOk)
            {
                return Fail(issued.Problem.ToString());
            }

            var k = issued.Value;
            Console.Out.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(IssuedKeyDocument.From(k), CredenceJson.Options)
                : $"key {k.KeyId} for {k.Principal.RoleName} '{k.Principal.Name}': {k.Key}{Environment.NewLine}the key is shown once; the registry keeps only its hash");
            return ExitCodes.Ok;
        });

        var listDb = Db();
        var list = new Command("list", "List principals and their keys' ids (never a key's value)");
        listDb.AddTo(list);
        list.SetAction(async (parse, cancellationToken) =>
        {
            if (Open(listDb, parse, clock, "keys list") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var principals = (await registry.Principals.ListAsync(Principal.LocalOperator(), cancellationToken)).GetValueOrThrow();
            foreach (var p in principals)
            {
                var keys = string.Join(", ", p.Keys.Select(key => key.RevokedAt is null ? $"key {key.Id}" : $"key {key.Id} (revoked)"));
                Console.Out.WriteLine($"{p.Principal.Id} {p.Principal.RoleName} {p.Principal.Name}: {keys}");
            }

            return ExitCodes.Ok;
        });

        var revokeDb = Db();
        var id = new Option<long>("--id") { Description = "The key id", Required = true };
        var revoke = new Command("revoke", "Revoke a key") { id };
        revokeDb.AddTo(revoke);
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            if (Open(revokeDb, parse, clock, "keys revoke") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var revoked = await registry.Principals.RevokeKeyAsync(Principal.LocalOperator(), parse.GetValue(id), cancellationToken);
            if (!revoked.IsOk)
            {
                return Fail(revoked.Problem.ToString());
            }

            Console.Out.WriteLine($"key {revoked.Value} revoked");
            return ExitCodes.Ok;
        });

        return new Command("keys", "API keys and the principals they belong to") { create, list, revoke };
    }

    internal static StoreOptions Db() => StoreOptions.WithDefault("SQLite database file of the registry", "credence.db");

    /// <summary>Opens the registry the store options chose; null, with the reason printed in one line, when none could be.</summary>
    internal static CredenceRegistry? Open(StoreOptions store, ParseResult parse, TimeProvider clock, string command)
    {
        var (choice, error) = store.Resolve(parse);
        if (choice is null)
        {
            Console.Error.WriteLine($"{command}: {error}");
            return null;
        }

        return StoreOptions.Open(choice, clock, command);
    }

    internal static int Fail(string line)
    {
        Console.Error.WriteLine(line);
        return ExitCodes.Invalid;
    }
}
