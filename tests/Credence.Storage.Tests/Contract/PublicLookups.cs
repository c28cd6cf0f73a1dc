using Credence.Core.Identifiers;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Public;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The public lookups as they rest on the store's read models: a published list's pages (across
/// policy versions and kinds of subject, in order of listing, at every edge) and an organisation's
/// profile.
/// </summary>
public abstract class PublicLookups(StoreKind kind) : RegistryContract(kind)
{
    [Fact]
    public async Task A_published_list_pages_its_members_in_order_of_listing_across_kinds_and_follows_withdrawals()
    {
        var court = await CourtAsync();
        var subjects = Enumerable.Range(0, 6).Select(Ids.Person).Append(Ids.Acme).ToList();

        // Listed one after another (each report a minute later), and out of identifier order.
        foreach (var subject in subjects.AsEnumerable().Reverse())
        {
            (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(subject, "Z-" + subject))).GetValueOrThrow();
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var expected = subjects.AsEnumerable().Reverse().Select(s => PublicService.Mask(s, s == Ids.Acme ? SubjectKind.Organisation : SubjectKind.Person)).ToList();
        var pages = new List<PublicListEntry>();
        for (var page = 1; page <= 4; page++)
        {
            var list = (await Registry.Public.ListAsync("court-defaulters", page, 3)).GetValueOrThrow();
            Assert.Equal((7L, page, 3), (list.Total, list.Page, list.PageSize));
            Assert.Equal(page < 3 ? 3 : page == 3 ? 1 : 0, list.Entries.Length);
            pages.AddRange(list.Entries);
        }

        Assert.Equal(expected, pages.Select(e => e.Subject));
        Assert.Equal(SubjectKind.Organisation, pages[0].Kind);
        Assert.DoesNotContain(pages, e => e.Subject.Contains("19800101", StringComparison.Ordinal));
        Assert.Equal(pages.Select(e => e.Since).Order(), pages.Select(e => e.Since));
        Assert.Equal(2, (await Registry.Public.ListAsync("court-defaulters", 1, 500)).GetValueOrThrow().PolicyVersions.Length);

        // A withdrawn record takes its subject off the public list at once.
        (await Registry.Intake.SubmitAsync(court, Lines.Withdrawal(Lines.Defaulter(subjects[3], "Z-" + subjects[3])))).GetValueOrThrow();
        var after = (await Registry.Public.ListAsync("court-defaulters", 1, 500)).GetValueOrThrow();
        Assert.Equal(6, after.Total);
        Assert.Equal(expected.Where(s => s != PublicService.Mask(subjects[3], SubjectKind.Person)), after.Entries.Select(e => e.Subject));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task An_organisations_profile_is_public_and_a_persons_never_is()
    {
        var court = await CourtAsync();
        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Acme, "Z-1"))).GetValueOrThrow();
        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-2"))).GetValueOrThrow();

        var profile = (await Registry.Public.OrganisationAsync(Ids.Acme)).GetValueOrThrow();
        Assert.Equal(Ids.Acme, profile.Code);
        Assert.Contains(profile.Listings, l => l.List == "court-defaulters");
        Assert.Equal(ProblemTypes.NotPublic, (await Registry.Public.OrganisationAsync(Ids.Bob)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await Registry.Public.OrganisationAsync(UnifiedSocialCreditCode.Create('9', '1', "110108", "MA01BC2D"))).Problem!.Type);

        var log = await ReadAsync(r => r.AccessLog(0, 1000));
        Assert.Contains(log, e => e.Action == "public.organisation" && e.Subject == Ids.Acme);
        Assert.Contains(log, e => e.Action == "public.organisation" && e.Subject == Ids.Bob && e.Outcome == AccessOutcome.Refused);
    }
}
