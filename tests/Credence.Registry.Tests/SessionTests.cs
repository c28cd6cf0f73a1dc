using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Registry.Tests;

/// <summary>Portal sessions: a key exchanged once for a handle that is not the key; a federated identity by principal name.</summary>
public class SessionTests
{
    [Fact]
    public async Task A_key_opens_a_session_of_the_same_principal_whose_handle_is_not_the_key_and_the_opening_is_logged()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var issued = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));

        var session = (await t.Registry.Principals.OpenSessionAsync(issued.Key)).GetValueOrThrow();
        var bearer = (await t.Registry.Principals.AuthenticateAsync("Bearer " + issued.Key, "test")).GetValueOrThrow();
        Assert.Equal(Same(bearer), Same(session.Principal));
        Assert.DoesNotContain(issued.Key[5..], session.Handle, StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F]{64}$", session.Handle);
        Assert.Equal(Same(bearer), Same((await t.Registry.Principals.ResumeSessionAsync(session.Handle)).GetValueOrThrow()));

        // Surrounding spaces from a paste are forgiven; the same session handle.
        Assert.Equal(session.Handle, (await t.Registry.Principals.OpenSessionAsync("  " + issued.Key + "\n")).GetValueOrThrow().Handle);
        var opened = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Action == "session.open").ToList();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, e => Assert.Equal(("auditor-a", AccessOutcome.Ok), (e.Principal, e.Outcome)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cred_")]
    [InlineData("cred_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer cred_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a key")]
    public async Task A_wrong_key_opens_no_session_and_the_refusal_is_logged(string key)
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        Assert.Equal(ProblemTypes.Unauthorized, (await t.Registry.Principals.OpenSessionAsync(key)).Problem!.Type);
        var e = Assert.Single((await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))));
        Assert.Equal(("session.open", AccessOutcome.Unauthorized), (e.Action, e.Outcome));
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions_and_a_forged_or_malformed_handle_resumes_nothing()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var issued = await t.KeyAsync(new PrincipalRegistration(Role.Auditor, "auditor-a"));
        var session = (await t.Registry.Principals.OpenSessionAsync(issued.Key)).GetValueOrThrow();

        (await t.Registry.Principals.RevokeKeyAsync(t.Operator, issued.KeyId)).GetValueOrThrow();
        Assert.Equal(ProblemTypes.Unauthorized, (await t.Registry.Principals.ResumeSessionAsync(session.Handle)).Problem!.Type);

        string[] forged = [session.Handle.ToLowerInvariant(), session.Handle[..63], session.Handle + "0", new string('0', 64), issued.Key, "", " " + session.Handle[1..]];
        foreach (var handle in forged)
        {
            Assert.Equal(ProblemTypes.Unauthorized, (await t.Registry.Principals.ResumeSessionAsync(handle)).Problem!.Type);
        }

        Assert.Equal(forged.Length + 1, (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Count(e => e.Action == "session.resume" && e.Outcome == AccessOutcome.Unauthorized));
    }

    [Fact]
    public async Task An_identity_provider_s_claim_signs_in_the_registered_principal_it_names_and_nothing_else()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer-a");

        Assert.Equal(Same(reviewer), Same((await t.Registry.Principals.OpenFederatedSessionAsync("reviewer-a", "test-idp")).GetValueOrThrow()));
        Assert.Equal(Same(reviewer), Same((await t.Registry.Principals.ResumeFederatedSessionAsync("reviewer-a")).GetValueOrThrow()));
        foreach (var name in new[] { "", "reviewer-b", "Reviewer-A", "reviewer-a ", "reviewer\u200B-a" })
        {
            var refused = await t.Registry.Principals.OpenFederatedSessionAsync(name, "test-idp");
            Assert.False(refused.IsOk, name);
            Assert.False((await t.Registry.Principals.ResumeFederatedSessionAsync(name)).IsOk, name);
        }

        var log = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Action == "session.open").ToList();
        Assert.Equal(AccessOutcome.Ok, log[0].Outcome);
        Assert.Contains("test-idp", log[0].Detail, StringComparison.Ordinal);
    }

    /// <summary>A principal's identity and rights, compared by value (its arrays compare by reference).</summary>
    private static string Same(Principal p) =>
        $"{p.Id} {p.Name} {p.Role} {p.Subject} {p.Purpose} [{string.Join(',', p.RecordTypes)}] [{string.Join(',', p.Capabilities)}] {p.CreatedAt:O}";
}
