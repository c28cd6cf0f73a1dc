using Credence.Registry.Access;

namespace Credence.Registry.Tests.Simulation;

/// <summary>
/// Activation needs the newest simulation report of the exact version and its sign-off by an
/// operator other than the uploader; every way around it is refused, and nothing is activated.
/// </summary>
public class TwoPersonRuleTests
{
    private const string Tag = "rongcheng-persons@2026.9";

    private static readonly Principal Uploader = Principal.LocalOperator("test-operator");

    private static readonly Principal Second = Principal.LocalOperator("second-operator");

    private static async Task<TestRegistry> UploadedAsync()
    {
        var t = await TestRegistry.CreateAsync();
        (await t.Registry.Policies.UploadAsync(Uploader, SimulationTests.Draft())).GetValueOrThrow();
        return t;
    }

    private static async Task<string> SimulateAsync(TestRegistry t, string tag = Tag) =>
        (await t.Registry.Simulations.SimulateStoredAsync(Uploader, tag, null, null)).GetValueOrThrow().Digest;

    private static async Task AssertNotActivatedAsync(TestRegistry t, string type)
    {
        var refused = await t.Registry.Policies.ActivateAsync(Uploader, Tag);
        Assert.Equal(type, refused.Problem!.Type);
        Assert.DoesNotContain((await t.Registry.Store.ReadAsync(r => r.ListActivations())), a => a.Tag == Tag);
        Assert.Contains(await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000)), e => e.Action == "policy.activate" && e.Outcome == AccessOutcome.Refused && e.Detail!.Contains(type, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_simulated_and_signed_off_version_is_activated_and_both_steps_are_in_the_ledger()
    {
        await using var t = await UploadedAsync();
        var digest = await SimulateAsync(t);
        var signOff = (await t.Registry.Simulations.SignOffAsync(Second, Tag, digest)).GetValueOrThrow();
        Assert.Equal((Tag, digest, "second-operator"), (signOff.PolicyTag, signOff.ReportDigest, signOff.SignedBy));
        (await t.Registry.Policies.ActivateAsync(Uploader, Tag)).GetValueOrThrow();
        var log = await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000));
        Assert.Contains(log, e => e.Action == "policy.sign-off" && e.Principal == "second-operator" && e.Detail == $"{Tag} report {digest}");
        Assert.Contains(log, e => e.Action == "policy.simulate" && e.Detail!.Contains(digest, StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_report_no_activation()
    {
        await using var t = await UploadedAsync();
        await AssertNotActivatedAsync(t, ProblemTypes.NoSimulation);
    }

    [Fact]
    public async Task A_report_without_a_sign_off_is_not_enough()
    {
        await using var t = await UploadedAsync();
        await SimulateAsync(t);
        await AssertNotActivatedAsync(t, ProblemTypes.NoSignOff);
    }

    [Theory]
    [InlineData("test-operator")]
    public async Task The_uploader_cannot_sign_off_its_own_upload(string name)
    {
        await using var t = await UploadedAsync();
        var digest = await SimulateAsync(t);
        var refused = await t.Registry.Simulations.SignOffAsync(Principal.LocalOperator(name), Tag, digest);
        Assert.Equal(ProblemTypes.SamePerson, refused.Problem!.Type);
        Assert.Null(await t.Registry.Store.ReadAsync(r => r.LatestSignOff(Tag)));
        await AssertNotActivatedAsync(t, ProblemTypes.NoSignOff);
    }

    [Fact]
    public async Task The_uploader_holding_a_registered_operator_key_of_the_same_name_is_the_same_person()
    {
        await using var t = await UploadedAsync();
        var digest = await SimulateAsync(t);
        var key = (await t.KeyAsync(new Principals.PrincipalRegistration(Role.Operator, "test-operator"))).Principal;
        Assert.Equal(ProblemTypes.SamePerson, (await t.Registry.Simulations.SignOffAsync(key, Tag, digest)).Problem!.Type);
    }

    [Fact]
    public async Task Operators_that_issued_each_other_keys_are_one_person_and_the_search_of_issuers_ends()
    {
        await using var t = await TestRegistry.CreateAsync();
        var a = (await t.KeyAsync(new Principals.PrincipalRegistration(Role.Operator, "operator-a"))).Principal;
        var b = (await t.Registry.Principals.CreateKeyAsync(a, new Principals.PrincipalRegistration(Role.Operator, "operator-b"))).GetValueOrThrow().Principal;
        (await t.Registry.Principals.CreateKeyAsync(b, new Principals.PrincipalRegistration(Role.Operator, "operator-a"))).GetValueOrThrow();
        var now = t.Clock.GetUtcNow();
        Assert.Equal(["operator-a", "operator-b"], await t.Registry.Store.ReadAsync(r => Principals.KeyHolders.Of(r, "operator-a", now)));
        Assert.Equal(["operator-b", "operator-a"], await t.Registry.Store.ReadAsync(r => Principals.KeyHolders.Of(r, "operator-b", now)));

        // The command line's local operator issued operator-a's first key: it is no one's holder.
        Assert.Equal(["second-operator"], await t.Registry.Store.ReadAsync(r => Principals.KeyHolders.Of(r, "second-operator", now)));

        (await t.Registry.Policies.UploadAsync(a, SimulationTests.Draft())).GetValueOrThrow();
        var digest = await SimulateAsync(t);
        var refused = await t.Registry.Simulations.SignOffAsync(b, Tag, digest);
        Assert.Equal(ProblemTypes.SamePerson, refused.Problem!.Type);
        Assert.Contains("operator-a", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains(await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000)), e => e.Action == "policy.sign-off" && e.Principal == "operator-b" && e.Outcome == AccessOutcome.Refused);
    }

    [Fact]
    public async Task Activation_judges_a_stored_sign_off_again_and_refuses_one_a_key_issuer_could_have_made_alone()
    {
        // A sign-off row the sign-off's own check would have refused (written straight to the store, as a store
        // written by another program could hold it): activation applies the same rule and refuses it.
        await using var t = await TestRegistry.CreateAsync();
        var a = (await t.KeyAsync(new Principals.PrincipalRegistration(Role.Operator, "operator-a"))).Principal;
        var puppet = (await t.Registry.Principals.CreateKeyAsync(a, new Principals.PrincipalRegistration(Role.Operator, "operator-puppet"))).GetValueOrThrow().Principal;
        (await t.Registry.Policies.UploadAsync(a, SimulationTests.Draft())).GetValueOrThrow();
        var digest = await SimulateAsync(t);
        await t.Registry.Store.WriteAsync(w => w.InsertSignOff(new Registry.Simulation.PolicySignOff(0, Tag, digest, puppet.Name, w.Now)));
        var refused = await t.Registry.Policies.ActivateAsync(a, Tag);
        Assert.Equal(ProblemTypes.SamePerson, refused.Problem!.Type);
        Assert.Contains("operator-puppet", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(r => r.ListActivations()), x => x.Tag == Tag);
    }

    [Fact]
    public async Task A_report_of_another_version_does_not_sign_this_one_off()
    {
        await using var t = await UploadedAsync();
        await SimulateAsync(t);
        (await t.Registry.Policies.UploadAsync(Uploader, SimulationTests.Draft("2026.8"))).GetValueOrThrow();
        var other = await SimulateAsync(t, "rongcheng-persons@2026.8");
        Assert.Equal(ProblemTypes.ReportMismatch, (await t.Registry.Simulations.SignOffAsync(Second, Tag, other)).Problem!.Type);
        await AssertNotActivatedAsync(t, ProblemTypes.NoSignOff);
    }

    [Fact]
    public async Task A_sign_off_of_a_report_superseded_by_a_newer_simulation_is_stale()
    {
        await using var t = await UploadedAsync();
        var first = await SimulateAsync(t);
        (await t.Registry.Simulations.SignOffAsync(Second, Tag, first)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SimulateAsync(t);
        Assert.NotEqual(first, second);
        await AssertNotActivatedAsync(t, ProblemTypes.StaleReport);

        // Naming the older report again is refused too; the newest one is what must be signed.
        Assert.Equal(ProblemTypes.StaleReport, (await t.Registry.Simulations.SignOffAsync(Second, Tag, first)).Problem!.Type);
        (await t.Registry.Simulations.SignOffAsync(Second, Tag, second)).GetValueOrThrow();
        (await t.Registry.Policies.ActivateAsync(Uploader, Tag)).GetValueOrThrow();
    }

    [Theory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("SHA256:")]
    [InlineData("")]
    public async Task A_digest_that_names_no_report_is_refused(string digest)
    {
        await using var t = await UploadedAsync();
        var real = await SimulateAsync(t);
        var refused = await t.Registry.Simulations.SignOffAsync(Second, Tag, digest);
        Assert.Equal(ProblemTypes.NotFound, refused.Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Simulations.SignOffAsync(Second, Tag, real.ToUpperInvariant())).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Simulations.SignOffAsync(Second, "nothing@1", real)).Problem!.Type);
        await AssertNotActivatedAsync(t, ProblemTypes.NoSignOff);
    }
}
