using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Public;

namespace Credence.Registry.Tests;

/// <summary>Organisations' registered names, the public search by name or code prefix, and one subject's membership of a published list.</summary>
public class OrganisationSearchTests
{
    private static readonly string Initech = UnifiedSocialCreditCode.Create('9', '1', "310115", "MA02JQJC");

    private static async Task<TestRegistry> NamedAsync()
    {
        var t = await TestRegistry.CreateAsync();
        (await t.Registry.Public.RegisterNamesAsync(t.Operator,
        [
            new OrganisationName(Ids.Acme, "zh", "深圳市爱克美电子有限公司"),
            new OrganisationName(Ids.Acme, "en", "Shenzhen Acme Electronics Co., Ltd."),
            new OrganisationName(Ids.Globex, "zh", "北京环球科技有限公司"),
            new OrganisationName(Ids.Globex, "en", "Beijing Globex Technology Co., Ltd."),
            new OrganisationName(Initech, "en", "Shenzhen Initech Software Co., Ltd."),
        ])).GetValueOrThrow();
        return t;
    }

    [Theory]
    [InlineData("Shenzhen", 2)]
    [InlineData("shenzhen", 2)]
    [InlineData("SHENZHEN  ACME", 1)]
    [InlineData("Ｓｈｅｎｚｈｅｎ", 2)]
    [InlineData("  shenzhen acme electronics co., ltd. ", 1)]
    [InlineData("深圳", 1)]
    [InlineData("深圳市爱克美电子有限公司", 1)]
    [InlineData("北京", 1)]
    [InlineData("Acme", 0)]
    [InlineData("爱克美", 0)]
    [InlineData("9144", 1)]
    [InlineData("91", 3)]
    [InlineData("９１４４", 1)]
    [InlineData("914403001922038216", 1)]
    [InlineData("9144 0300", 1)]
    [InlineData("Shenzhen Acme Electronics Co., Ltd. and more", 0)]
    public async Task A_name_or_code_is_found_by_its_start_however_it_is_typed_and_nothing_else_is(string query, int expected)
    {
        await using var t = await NamedAsync();
        var found = (await t.Registry.Public.SearchOrganisationsAsync(query)).GetValueOrThrow();
        Assert.Equal(expected, found.Total);
        Assert.Equal(expected, found.Hits.Length);
        Assert.All(found.Hits, h => Assert.NotEmpty(h.Names));
    }

    [Fact]
    public async Task A_search_pages_in_a_stable_order_carries_every_name_of_each_hit_and_is_logged_without_a_subject()
    {
        await using var t = await NamedAsync();
        var first = (await t.Registry.Public.SearchOrganisationsAsync("9", 1, 2)).GetValueOrThrow();
        var second = (await t.Registry.Public.SearchOrganisationsAsync("9", 2, 2)).GetValueOrThrow();
        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal(2, first.Hits.Length);
        var all = first.Hits.Concat(second.Hits).Select(h => h.Code).ToList();
        Assert.Equal(3, all.Distinct().Count());

        // Ordered by the first folded name: "beijing..." before "shenzhen acme..." before "shenzhen initech...".
        Assert.Equal([Ids.Globex, Ids.Acme, Initech], all);
        Assert.Equal(["en", "zh"], first.Hits[0].Names.Select(n => n.Language));

        var log = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Action == "public.organisation-search").ToList();
        Assert.Equal(2, log.Count);
        Assert.All(log, e => Assert.Equal(("public", (string?)null), (e.Principal, e.Subject)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData("a\u0000b")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u200Bb")]
    public async Task An_empty_or_unreadable_query_is_refused_and_nothing_is_logged(string query)
    {
        await using var t = await NamedAsync();
        var before = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000))).Count;
        var refused = await t.Registry.Public.SearchOrganisationsAsync(query);
        Assert.False(refused.IsOk);
        Assert.Equal(before, (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000))).Count);
    }

    [Fact]
    public async Task A_query_too_long_or_a_page_out_of_range_is_a_bad_value()
    {
        await using var t = await NamedAsync();
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Public.SearchOrganisationsAsync(new string('深', 101))).Problem!.Type);
        Assert.True((await t.Registry.Public.SearchOrganisationsAsync(new string('深', 100))).IsOk);
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Public.SearchOrganisationsAsync("91", 0)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Public.SearchOrganisationsAsync("91", 1, 501)).Problem!.Type);
    }

    [Fact]
    public async Task A_name_replaces_the_earlier_one_in_its_language_and_the_profile_carries_the_names()
    {
        await using var t = await NamedAsync();
        (await t.Registry.Public.RegisterNamesAsync(t.Operator, [new OrganisationName(Ids.Acme, "en", "Acme Shenzhen Holdings")])).GetValueOrThrow();
        Assert.Equal(0, (await t.Registry.Public.SearchOrganisationsAsync("Shenzhen Acme")).Value!.Total);
        Assert.Equal(1, (await t.Registry.Public.SearchOrganisationsAsync("acme shen")).Value!.Total);

        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Acme, "T-1"));
        var profile = (await t.Registry.Public.OrganisationAsync(Ids.Acme)).GetValueOrThrow();
        Assert.Equal(["Acme Shenzhen Holdings", "深圳市爱克美电子有限公司"], profile.Names.Select(n => n.Name));

        // What the listing rests on and how it ends, for the public.
        var ground = Assert.Single(profile.Grounds);
        Assert.Equal(("serious-violators", "tax-evasion"), (ground.List, ground.Type));
        Assert.False(string.IsNullOrWhiteSpace(ground.LegalBasis));
        Assert.Equal("serious-violators", Assert.Single(profile.Exits).List);
    }

    public static TheoryData<string, string, string, string> BadNames => new()
    {
        { ProblemTypes.InvalidIdentifier, "91440300192203821X", "en", "Acme" },
        { ProblemTypes.BadValue, Ids.Bob, "zh", "张三" },
        { ProblemTypes.BadValue, Ids.Acme, "fr", "Acme" },
        { ProblemTypes.MissingField, Ids.Acme, "en", "  " },
        { ProblemTypes.ControlCharacter, Ids.Acme, "en", "Acme\u0085" },
        { ProblemTypes.InvisibleCharacter, Ids.Acme, "en", "Ac\u200Bme" },
        { ProblemTypes.BadValue, Ids.Acme, "zh", new string('名', 201) },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_bad_name_refuses_the_whole_registration_and_stores_nothing(string problem, string code, string language, string name)
    {
        await using var t = await TestRegistry.CreateAsync();
        var refused = await t.Registry.Public.RegisterNamesAsync(t.Operator, [new OrganisationName(Ids.Globex, "en", "Globex"), new OrganisationName(code, language, name)]);
        Assert.Equal(problem, refused.Problem!.Type);
        Assert.Equal(0, (await t.Registry.Public.SearchOrganisationsAsync("globex")).Value!.Total);
    }

    [Theory]
    [InlineData(Role.Subject)]
    [InlineData(Role.RelyingParty)]
    [InlineData(Role.Reviewer)]
    [InlineData(Role.Auditor)]
    public async Task Only_the_operator_or_a_source_registers_names(Role role)
    {
        await using var t = await TestRegistry.CreateAsync();
        var who = role switch
        {
            Role.Subject => await t.RoleAsync(role, "acme", Ids.Acme),
            Role.RelyingParty => await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket"),
            _ => await t.RoleAsync(role, "x"),
        };
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Public.RegisterNamesAsync(who, [new OrganisationName(Ids.Acme, "en", "Acme")])).Problem!.Type);
        var regulator = await t.SourceAsync("market-regulator", "product-quality-violation");
        Assert.Equal(1, (await t.Registry.Public.RegisterNamesAsync(regulator, [new OrganisationName(Ids.Acme, "en", "Acme")])).GetValueOrThrow());
    }

    [Fact]
    public async Task One_subject_is_checked_against_a_published_list_masked_and_logged_with_the_subject()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitBatchAsync(court, [Lines.Defaulter(Ids.Carol, "Z-1", occurred: "2026-05-10T00:00:00Z")]);

        var on = (await t.Registry.Public.ListMemberAsync("court-defaulters", Ids.Carol)).GetValueOrThrow();
        var entry = Assert.Single(on.Entries);
        Assert.Equal(PublicService.Mask(Ids.Carol, SubjectKind.Person), entry.Subject);
        Assert.Equal(0, (await t.Registry.Public.ListMemberAsync("court-defaulters", Ids.Bob)).GetValueOrThrow().Total);
        Assert.Equal(0, (await t.Registry.Public.ListMemberAsync("court-defaulters", Ids.Acme)).GetValueOrThrow().Total);

        Assert.Equal(ProblemTypes.InvalidIdentifier, (await t.Registry.Public.ListMemberAsync("court-defaulters", Ids.Carol[..17])).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Public.ListMemberAsync("honest-citizens", Ids.Carol)).Problem!.Type);
        var log = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100))).Where(e => e.Action == "public.list").Select(e => e.Subject).ToList();
        Assert.Equal([Ids.Carol, Ids.Bob, Ids.Acme], log);
    }

    [Fact]
    public async Task A_policy_in_force_reads_as_its_model_and_one_never_in_force_is_not_found()
    {
        await using var t = await TestRegistry.CreateAsync();
        var (published, policy) = (await t.Registry.Public.PolicyDocumentAsync("rongcheng-persons", "2026.1")).GetValueOrThrow();
        Assert.Equal("rongcheng-persons@2026.1", published.Tag);
        Assert.Contains(policy.RecordTypes, r => r.Id == "late-credit-card-payment" && r.Points == -10);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Public.PolicyDocumentAsync("rongcheng-persons", "1999.1")).Problem!.Type);
    }
}
