using System.Text;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Registry.Tests;

public class PrincipalTests
{
    [Fact]
    public async Task A_key_is_random_shown_once_and_stored_only_as_its_hash()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var a = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));
        var b = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-b"));
        Assert.Matches("^cred_[A-Za-z0-9_-]{43}$", a.Key);
        Assert.NotEqual(a.Key, b.Key);

        await t.ReopenAsync();
        await t.Registry.DisposeAsync();
        var bytes = await File.ReadAllBytesAsync(t.DatabasePath);
        var wal = t.DatabasePath + "-wal";
        var all = Encoding.Latin1.GetString(bytes) + (File.Exists(wal) ? Encoding.Latin1.GetString(await File.ReadAllBytesAsync(wal)) : string.Empty);
        Assert.DoesNotContain(a.Key, all, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Key[5..], all, StringComparison.Ordinal);
        await t.ReopenAsync();
        Assert.Equal("auditor-a", (await t.Registry.Store.ReadAsync(r => r.FindKey(ApiKeys.Hash(a.Key))))!.Principal.Name);
    }

    [Fact]
    public async Task A_caller_may_answer_a_refusal_itself_before_it_is_logged_and_a_valid_key_never_asks_it()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var issued = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));
        var asked = 0;
        var limited = new RegistryProblem("too-many-requests", "slow down");
        RegistryProblem? Gate() => ++asked > 2 ? limited : null;

        Assert.Equal("auditor-a", (await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test", null, Gate)).Value!.Name);
        Assert.Equal(0, asked);

        string?[] wrong = [null, "Bearer nonsense", "Bearer cred_" + new string('A', 43), "Basic abc"];
        var answers = new List<string>();
        foreach (var header in wrong)
        {
            answers.Add((await t.Registry.Principals.AuthenticateAsync(header, "test", null, Gate)).Problem!.Type);
        }

        Assert.Equal([ProblemTypes.Unauthorized, ProblemTypes.Unauthorized, "too-many-requests", "too-many-requests"], answers);
        Assert.Equal(4, asked);
        Assert.Equal(2, (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Count(e => e.Outcome == AccessOutcome.Unauthorized));
    }

    [Fact]
    public async Task Authentication_accepts_the_right_key_and_refuses_and_logs_every_other()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var issued = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));
        var ok = await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test");
        Assert.Equal("auditor-a", ok.Value!.Name);

        string?[] wrong = [null, "", "Basic abc", "Bearer nonsense", "Bearer cred_" + new string('A', 43)];
        foreach (var header in wrong)
        {
            Assert.Equal(ProblemTypes.Unauthorized, (await t.Registry.Principals.AuthenticateAsync(header, "test", "subject-x")).Problem!.Type);
        }

        (await t.Registry.Principals.RevokeKeyAsync(t.Operator, issued.KeyId)).GetValueOrThrow();
        Assert.Equal(ProblemTypes.Unauthorized, (await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).Problem!.Type);

        var log = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Outcome == AccessOutcome.Unauthorized).ToList();
        Assert.Equal(wrong.Length + 1, log.Count);
        Assert.All(log, e => Assert.Equal(("unknown", (long?)null), (e.Principal, e.PrincipalId)));
    }

    public static TheoryData<string, PrincipalRegistration> BadRegistrations => new()
    {
        { "bad-value", new PrincipalRegistration(Role.Auditor, "Bad Name") },
        { "missing-field", new PrincipalRegistration(Role.Source, "court") },
        { "missing-field", new PrincipalRegistration(Role.RelyingParty, "rail", Purpose: "tickets") },
        { "purpose-required", new PrincipalRegistration(Role.RelyingParty, "rail", Capabilities: ["rail.g-train.ticket"]) },
        { "invalid-identifier", new PrincipalRegistration(Role.Subject, "me", Subject: "110105194912310021") },
        { "protected-matter", new PrincipalRegistration(Role.Source, "temple", RecordTypes: ["temple-attendance"]) },
        { "bad-value", new PrincipalRegistration(Role.Auditor, "auditor", RecordTypes: ["x"]) },
        { "bad-value", new PrincipalRegistration(Role.Source, "court", RecordTypes: ["has space"]) },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_registrations_are_refused(string type, PrincipalRegistration registration)
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        Assert.Equal(type, (await t.Registry.Principals.CreateKeyAsync(t.Operator, registration)).Problem?.Type);
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.ListPrincipals()));
    }

    [Fact]
    public async Task A_name_holds_one_registration_and_may_have_several_keys()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var first = await t.KeyAsync(new PrincipalRegistration(Role.Source, "court", RecordTypes: ["a", "b"]));
        var second = await t.KeyAsync(new PrincipalRegistration(Role.Source, "court", RecordTypes: ["b", "a"]));
        Assert.Equal(first.Principal.Id, second.Principal.Id);
        var conflict = await t.Registry.Principals.CreateKeyAsync(t.Operator, new PrincipalRegistration(Role.Source, "court", RecordTypes: ["c"]));
        Assert.Equal(ProblemTypes.Conflict, conflict.Problem!.Type);
        Assert.Equal(2, Assert.Single(await t.Registry.Store.ReadAsync(r => r.ListPrincipals())).Keys.Length);
    }

    [Fact]
    public async Task Only_an_operator_issues_revokes_and_lists_keys()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var auditor = (await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor"))).Principal;
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Principals.CreateKeyAsync(auditor, new PrincipalRegistration(Role.Auditor, "x"))).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Principals.RevokeKeyAsync(auditor, 1)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Principals.ListAsync(auditor)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Principals.RevokeKeyAsync(t.Operator, 999)).Problem!.Type);
        Assert.Equal(3, (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Count(e => e.Outcome == AccessOutcome.Forbidden));
    }
}
