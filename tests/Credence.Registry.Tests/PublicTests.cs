using Credence.Core.Identifiers;

namespace Credence.Registry.Tests;

public class PublicTests
{
    [Fact]
    public async Task An_organisation_shows_its_grade_and_published_listings_and_a_person_is_never_public()
    {
        await using var t = await TestRegistry.CreateAsync();
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Acme, "T-1"));

        var profile = (await t.Registry.Public.OrganisationAsync(Ids.Acme)).GetValueOrThrow();
        Assert.Equal(("shanghai-organisations@2026.1", "B"), (profile.PolicyVersion, profile.Grade));
        Assert.Equal("serious-violators", Assert.Single(profile.Listings).List);

        Assert.Equal(ProblemTypes.NotPublic, (await t.Registry.Public.OrganisationAsync(Ids.Bob)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Public.OrganisationAsync(Ids.Globex)).Problem!.Type);
        Assert.Equal(ProblemTypes.InvalidIdentifier, (await t.Registry.Public.OrganisationAsync("91440300192203821X")).Problem!.Type);
        Assert.Equal(["public", "public"], (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Action == "public.organisation").Select(e => e.Principal));
    }

    [Fact]
    public async Task An_organisations_public_grade_counts_its_open_dispute_as_its_own_file_does()
    {
        await using var t = await TestRegistry.CreateAsync();
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Acme, "T-1"));
        var acme = await t.RoleAsync(Access.Role.Subject, "acme", Ids.Acme);
        t.Clock.Advance(TimeSpan.FromHours(1));
        (await t.Registry.Disputes.OpenAsync(acme, "tax-bureau", "T-1", "the decision is about another company", null)).GetValueOrThrow();

        // Tax evasion does not count while disputed: the organisation's own file and its public profile say the same.
        var own = (await t.Registry.Subjects.ReadOwnAsync(acme)).GetValueOrThrow().Assessment!;
        var profile = (await t.Registry.Public.OrganisationAsync(Ids.Acme)).GetValueOrThrow();
        Assert.Empty(own.Listings);
        Assert.Equal((own.Grade, 0), (profile.Grade, profile.Listings.Length));
    }

    [Fact]
    public async Task Published_lists_page_in_a_stable_order_mask_persons_and_end_on_time()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var subjects = Enumerable.Range(0, 7).Select(Ids.Person).ToList();
        await t.Registry.Intake.SubmitBatchAsync(court, [.. subjects.Select((s, i) => Lines.Defaulter(s, "Z-" + i, occurred: $"2024-06-{10 + i}T00:00:00Z"))]);
        await t.Registry.Intake.SubmitBatchAsync(court, [Lines.Defaulter(Ids.Acme, "Z-org", occurred: "2026-05-01T00:00:00Z")]);

        var first = (await t.Registry.Public.ListAsync("court-defaulters", 1, 5)).GetValueOrThrow();
        var second = (await t.Registry.Public.ListAsync("court-defaulters", 2, 5)).GetValueOrThrow();
        Assert.Equal(8, first.Total);
        Assert.Equal(["rongcheng-persons@2026.1", "shanghai-organisations@2026.1"], first.PolicyVersions.ToArray());
        Assert.Equal(subjects.Take(5).Select(s => PublicServiceMask(s)), first.Entries.Select(e => e.Subject));
        Assert.Equal([PublicServiceMask(subjects[5]), PublicServiceMask(subjects[6]), Ids.Acme], second.Entries.Select(e => e.Subject));
        Assert.All(first.Entries, e => Assert.Contains("********", e.Subject, StringComparison.Ordinal));

        // The two-year term of the first listing runs out on 2026-06-10: it leaves the list exactly then.
        t.Clock.Set(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero));
        var later = (await t.Registry.Public.ListAsync("court-defaulters", 1, 100)).GetValueOrThrow();
        Assert.Equal(7, later.Total);
        Assert.DoesNotContain(PublicServiceMask(subjects[0]), later.Entries.Select(e => e.Subject));

        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Public.ListAsync("honest-citizens")).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Public.ListAsync("court-defaulters", 0)).Problem!.Type);
    }

    [Fact]
    public async Task A_listing_that_begins_without_a_new_record_appears_when_its_review_falls_due()
    {
        await using var t = await TestRegistry.CreateAsync();
        var tax = await t.SourceAsync("tax-bureau", "a-grade-taxpayer", "late-tax-filing");
        await t.Registry.Intake.SubmitBatchAsync(tax,
        [
            new(Ids.Acme, "late-tax-filing", "administrative", "2024-07-01T00:00:00Z", null, null, "F-1", "Filing notice F-1", null, null, null, null),
            new(Ids.Acme, "a-grade-taxpayer", "administrative", "2026-04-01T00:00:00Z", null, null, "A-1", null, null, null, null, null),
        ]);
        Assert.Equal(0, (await t.Registry.Public.ListAsync("model-taxpayers")).Value!.Total);

        t.Clock.Set(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var list = (await t.Registry.Public.ListAsync("model-taxpayers")).GetValueOrThrow();
        Assert.Equal(Ids.Acme, Assert.Single(list.Entries).Subject);
    }

    private static string PublicServiceMask(string person) => Public.PublicService.Mask(person, SubjectKind.Person);
}
