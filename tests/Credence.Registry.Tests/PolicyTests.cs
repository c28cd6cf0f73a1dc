using Credence.Core.Identifiers;
using Credence.Registry.Access;

namespace Credence.Registry.Tests;

public class PolicyTests
{
    internal static string Version2 => TestRegistry.PolicyText("rongcheng-persons.yaml")
        .Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
        .Replace("    points: -100\n    lasts: 2y\n    severity: serious\n    counts-while-disputed: true", "    points: -150\n    lasts: 2y\n    severity: serious\n    counts-while-disputed: true", StringComparison.Ordinal);

    [Fact]
    public async Task An_invalid_policy_is_refused_with_every_problem_and_not_stored()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var yaml = TestRegistry.PolicyText("rongcheng-persons.yaml").Replace("matter: utilities", "matter: religion", StringComparison.Ordinal);
        var outcome = await t.Registry.Policies.UploadAsync(t.Operator, yaml, "bad.yaml");
        Assert.Equal(ProblemTypes.InvalidPolicy, outcome.Problem!.Type);
        Assert.True(outcome.Problem.Errors.Length >= 2);
        Assert.All(outcome.Problem.Errors, e => Assert.StartsWith("bad.yaml:", e, StringComparison.Ordinal));
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.ListPolicies()));
    }

    [Fact]
    public async Task The_same_text_again_is_accepted_and_other_text_under_the_same_version_is_a_conflict()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var text = TestRegistry.PolicyText("rongcheng-persons.yaml");
        Assert.True((await t.Registry.Policies.UploadAsync(t.Operator, text)).Value!.Created);
        Assert.False((await t.Registry.Policies.UploadAsync(t.Operator, text)).Value!.Created);
        var changed = Version2.Replace("2026.2", "2026.1", StringComparison.Ordinal);
        Assert.Equal(ProblemTypes.Conflict, (await t.Registry.Policies.UploadAsync(t.Operator, changed)).Problem!.Type);
    }

    [Fact]
    public async Task Activation_is_explicit_dated_and_never_in_the_past()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        Assert.Null(await t.Registry.Policies.ActiveAtAsync(SubjectKind.Person, t.Clock.GetUtcNow()));
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Policies.ActivateAsync(t.Operator, "rongcheng-persons@2026.1")).Problem!.Type);

        var v1 = await t.ActivateAsync("rongcheng-persons.yaml");
        var from = t.Clock.GetUtcNow().AddDays(10);
        var v2 = await t.ActivateAsync("v2.yaml", Version2, from);
        var past = await t.Registry.Policies.ActivateAsync(t.Operator, v2, t.Clock.GetUtcNow().AddTicks(-1));
        Assert.Equal(ProblemTypes.BadValue, past.Problem!.Type);

        Assert.Equal(v1, (await t.Registry.Policies.ActiveAtAsync(SubjectKind.Person, from.AddTicks(-1)))!.Tag);
        Assert.Equal(v2, (await t.Registry.Policies.ActiveAtAsync(SubjectKind.Person, from))!.Tag);
        Assert.Null(await t.Registry.Policies.ActiveAtAsync(SubjectKind.Organisation, from));

        var listed = (await t.Registry.Policies.ListAsync(t.Operator)).GetValueOrThrow();
        Assert.Equal([true, false], listed.Select(l => l.ActiveNow));
    }

    [Fact]
    public async Task Only_operators_upload_and_activate_and_the_refusals_are_logged()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        var source = await t.SourceAsync("court", "judgment-defaulter");
        var text = TestRegistry.PolicyText("rongcheng-persons.yaml");
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Policies.UploadAsync(source, text)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Policies.ActivateAsync(source, "x@1")).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Policies.ListAsync(source)).Problem!.Type);
        Assert.Equal(3, (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Count(e => e.Outcome == AccessOutcome.Forbidden));
    }
}
