using Credence.Registry.Access;

namespace Credence.Registry.Tests.Simulation;

/// <summary>
/// A version as its reviewers read it (<c>PolicyService.ReviewAsync</c>, the portal's version page):
/// at every step of the two-person rule the refusal it shows is the one activation gives, the report
/// and sign-off it names are the newest, and only operators and auditors read it.
/// </summary>
public class ReviewTests
{
    private const string Tag = "rongcheng-persons@2026.9";

    private static readonly Principal Uploader = Principal.LocalOperator("test-operator");

    private static readonly Principal Second = Principal.LocalOperator("second-operator");

    /// <summary>The review's refusal, checked against what activation answers at the same moment.</summary>
    private static async Task<Policies.PolicyReview> ReviewAsync(TestRegistry t, string? expected)
    {
        var review = (await t.Registry.Policies.ReviewAsync(Uploader, Tag)).GetValueOrThrow();
        Assert.Equal(expected, review.ActivationRefusal?.Type);
        if (expected is not null)
        {
            Assert.Equal(expected, (await t.Registry.Policies.ActivateAsync(Uploader, Tag)).Problem!.Type);
        }

        return review;
    }

    [Fact]
    public async Task Each_step_of_the_two_person_rule_reads_as_activation_would_answer()
    {
        await using var t = await TestRegistry.CreateAsync();
        (await t.Registry.Policies.UploadAsync(Uploader, SimulationTests.Draft())).GetValueOrThrow();

        var none = await ReviewAsync(t, ProblemTypes.NoSimulation);
        Assert.Equal((Tag, "test-operator"), (none.Listing.Policy.Tag, none.Listing.Policy.UploadedBy));
        Assert.Null(none.NewestReport);
        Assert.Null(none.SignOff);
        Assert.False(none.Listing.ActiveNow);

        var first = (await t.Registry.Simulations.SimulateStoredAsync(Uploader, Tag, null, null)).GetValueOrThrow();
        var simulated = await ReviewAsync(t, ProblemTypes.NoSignOff);
        Assert.Equal((first.Report.Id, first.Digest, "test-operator"), (simulated.NewestReport!.Id, simulated.NewestReport.Digest, simulated.NewestReport.CreatedBy));
        Assert.Equal(first.Report.Against, simulated.NewestReport.AgainstTag);

        (await t.Registry.Simulations.SignOffAsync(Second, Tag, first.Digest)).GetValueOrThrow();
        var signed = await ReviewAsync(t, null);
        Assert.Equal(("second-operator", first.Digest), (signed.SignOff!.SignedBy, signed.SignOff.ReportDigest));

        // A later report (two made at the same instant have no order of their own: the store orders by creation time).
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await t.Registry.Simulations.SimulateStoredAsync(Second, Tag, null, null)).GetValueOrThrow();
        var stale = await ReviewAsync(t, ProblemTypes.StaleReport);
        Assert.Equal(second.Digest, stale.NewestReport!.Digest);
        Assert.Equal(first.Digest, stale.SignOff!.ReportDigest);

        (await t.Registry.Simulations.SignOffAsync(Second, Tag, second.Digest)).GetValueOrThrow();
        await ReviewAsync(t, null);
        (await t.Registry.Policies.ActivateAsync(Uploader, Tag)).GetValueOrThrow();
        Assert.Single((await t.Registry.Policies.ReviewAsync(Uploader, Tag)).GetValueOrThrow().Listing.Activations);
    }

    [Fact]
    public async Task An_auditor_reads_a_review_and_other_roles_are_refused_and_logged()
    {
        await using var t = await TestRegistry.CreateAsync();
        (await t.Registry.Policies.UploadAsync(Uploader, SimulationTests.Draft())).GetValueOrThrow();
        var auditor = (await t.KeyAsync(new Principals.PrincipalRegistration(Role.Auditor, "auditor-1"))).Principal;
        Assert.True((await t.Registry.Policies.ReviewAsync(auditor, Tag)).IsOk);

        var source = await t.SourceAsync("court-1", "judgment-defaulter");
        var reviewer = (await t.KeyAsync(new Principals.PrincipalRegistration(Role.Reviewer, "reviewer-1"))).Principal;
        foreach (var refusedPrincipal in new[] { source, reviewer })
        {
            Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Policies.ReviewAsync(refusedPrincipal, Tag)).Problem!.Type);
        }

        Assert.Contains(await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100_000)), e => e.Principal == "reviewer-1" && e.Action == "policy.list" && e.Outcome == AccessOutcome.Forbidden);
    }

    [Theory]
    [InlineData("nobody@1.0")]
    [InlineData("rongcheng-persons@2026.10")]
    [InlineData("RONGCHENG-PERSONS@2026.9")]
    public async Task A_version_not_stored_is_not_found(string tag)
    {
        await using var t = await TestRegistry.CreateAsync();
        (await t.Registry.Policies.UploadAsync(Uploader, SimulationTests.Draft())).GetValueOrThrow();
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Policies.ReviewAsync(Uploader, tag)).Problem!.Type);
    }

    [Theory]
    [InlineData("rongcheng-persons@2026.9\u202E")]
    [InlineData("rongcheng\npersons")]
    public async Task An_unreadable_tag_is_refused_before_anything_is_read(string tag)
    {
        await using var t = await TestRegistry.CreateAsync();
        var refused = await t.Registry.Policies.ReviewAsync(Uploader, tag);
        Assert.False(refused.IsOk);
        Assert.NotEqual(ProblemTypes.NotFound, refused.Problem!.Type);
    }
}
