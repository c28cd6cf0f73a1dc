using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using static Credence.Core.Tests.Fairness.Population;

namespace Credence.Core.Tests.Fairness;

/// <summary>Cohorts read from identifiers alone, and hostile identifiers refused by the identifier rules or put in the marked unknown cohort.</summary>
public class CohortTests
{
    private static readonly string Valid = ResidentIdentityNumber.Create("371082", new DateOnly(1990, 5, 17), 123);

    private static Core.Fairness.Cohort Of(string text, string dimension, DateTimeOffset? asOf = null) =>
        Cohorts.Read(text, Today, asOf ?? AsOf).Cohorts.Single(c => c.Dimension == dimension);

    [Fact]
    public void A_person_is_read_into_province_age_band_and_sex()
    {
        var reading = Cohorts.Read(Valid, Today, AsOf);
        Assert.True(reading.IsRead);
        Assert.Equal(["region", "age-band", "sex"], reading.Cohorts.Select(c => c.Dimension));
        Assert.Equal(("37", "Shandong", "山东"), (reading.Cohorts[0].Key, reading.Cohorts[0].Label, reading.Cohorts[0].LabelZh));
        Assert.Equal("35-44", reading.Cohorts[1].Key);
        Assert.Equal("male", reading.Cohorts[2].Key); // sequence 123: the 17th digit, 3, is odd
        Assert.Equal("female", Of(ResidentIdentityNumber.Create("371082", new DateOnly(1990, 5, 17), 124), "sex").Key);
        Assert.All(reading.Cohorts, c => Assert.True(c.Known));
    }

    [Theory]
    [InlineData("2008-12-01", "under-18")] // the day before the 18th birthday
    [InlineData("2008-11-30", "18-24")] // the 18th birthday, from midnight UTC
    [InlineData("1951-11-30", "75+")]
    [InlineData("1951-12-01", "65-74")]
    [InlineData("1992-11-30", "25-34")]
    public void Age_bands_count_whole_years_at_the_reports_instant(string born, string band)
    {
        var at = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(band, Of(ResidentIdentityNumber.Create("110105", DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), 1), "age-band", at).Key);
    }

    [Fact]
    public void A_leap_day_birthday_comes_of_age_on_28_February_as_the_engine_says()
    {
        var id = ResidentIdentityNumber.Create("110105", new DateOnly(2008, 2, 29), 1);
        Assert.Equal("under-18", Of(id, "age-band", new DateTimeOffset(2026, 2, 27, 23, 59, 59, TimeSpan.Zero)).Key);
        Assert.Equal("18-24", Of(id, "age-band", new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero)).Key);
    }

    [Fact]
    public void A_person_born_after_the_reports_instant_is_in_the_marked_unknown_band_not_dropped()
    {
        var id = ResidentIdentityNumber.Create("310104", new DateOnly(2026, 12, 3), 2);
        var band = Of(id, "age-band", AsOf);
        Assert.Equal(Core.Fairness.Cohort.UnknownKey, band.Key);
        Assert.False(band.Known);
    }

    [Fact]
    public void A_birth_date_after_the_day_of_the_check_is_refused_by_the_identifier_rules()
    {
        var id = ResidentIdentityNumber.Create("310104", new DateOnly(2027, 1, 5), 2);
        var reading = Cohorts.Read(id, Today, AsOf);
        Assert.False(reading.IsRead);
        Assert.Empty(reading.Cohorts);
        Assert.Equal(IdentifierRules.BirthDateFuture, reading.Rule);
    }

    public static TheoryData<string, string> Hostile()
    {
        var wrongCheck = Valid[..17] + (Valid[17] == '0' ? '1' : '0');
        return new()
        {
            { wrongCheck, IdentifierRules.CheckCharacter },
            { new string([.. Valid.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c)]), IdentifierRules.Alphabet }, // full-width digits
            { new string([.. Valid.Select(c => char.IsAsciiDigit(c) ? (char)('٠' + (c - '0')) : c)]), IdentifierRules.Alphabet }, // Arabic-Indic digits
            { "３" + Valid[1..], IdentifierRules.Alphabet }, // one full-width digit
            { Valid[..5] + "\u200B" + Valid[6..], IdentifierRules.Alphabet }, // a zero-width space in place of a digit
            { " " + Valid, IdentifierRules.Length },
            { Valid[..17], IdentifierRules.Length },
            { "99" + Valid[2..], IdentifierRules.Region }, // no province 99
            { "00" + Valid[2..], IdentifierRules.Region },
            { Valid[..6] + "19901317" + Valid[14..], IdentifierRules.BirthDate }, // month 13
            { Valid[..6] + "17991231" + Valid[14..], IdentifierRules.BirthDate },
        };
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_person_identifier_is_refused_with_its_rule_and_read_into_no_cohort(string text, string rule)
    {
        var reading = Cohorts.Read(text, Today, AsOf);
        Assert.False(reading.IsRead);
        Assert.Empty(reading.Cohorts);
        Assert.Equal(rule, reading.Rule);
        Assert.False(string.IsNullOrWhiteSpace(reading.Reason));
    }

    [Fact]
    public void A_lower_case_check_character_is_the_same_person_and_cohort()
    {
        var withX = Enumerable.Range(0, 1000).Select(s => ResidentIdentityNumber.Create("440305", new DateOnly(1985, 3, 9), s)).First(t => t[17] == 'X');
        var lower = withX[..17] + "x";
        Assert.Equal(Cohorts.Read(withX, Today, AsOf).Cohorts.ToList(), Cohorts.Read(lower, Today, AsOf).Cohorts.ToList());
    }

    [Theory]
    [InlineData('9', '1', "310115", "31", "9-1", "enterprise")]
    [InlineData('9', '2', "440305", "44", "9-2", "individual business")]
    [InlineData('5', '3', "110108", "11", "5-3", "foundation")]
    [InlineData('1', '2', "100000", "10", "1-2", "public institution")]
    [InlineData('Y', '1', "510107", "51", "Y-1", "other")]
    public void An_organisation_is_read_into_registration_region_and_type(char authority, char category, string region, string regionKey, string typeKey, string typeName)
    {
        var code = UnifiedSocialCreditCode.Create(authority, category, region, "MA1K2L3P");
        var reading = Cohorts.Read(code, Today, AsOf);
        Assert.Equal(["region", "organisation-type"], reading.Cohorts.Select(c => c.Dimension));
        Assert.Equal(regionKey, reading.Cohorts[0].Key);
        Assert.True(reading.Cohorts[0].Known);
        Assert.Equal(typeKey, reading.Cohorts[1].Key);
        Assert.StartsWith(typeName, reading.Cohorts[1].Label, StringComparison.Ordinal);

        // Lower case is the same organisation, in the same cohorts.
        Assert.Equal(reading.Cohorts.ToList(), Cohorts.Read(code.ToLowerInvariant(), Today, AsOf).Cohorts.ToList());
    }

    [Theory]
    [InlineData("990000")]
    [InlineData("000000")]
    [InlineData("200000")]
    [InlineData("840000")]
    public void An_organisations_region_code_under_no_province_is_its_own_marked_unknown_cohort(string region)
    {
        var code = UnifiedSocialCreditCode.Create('9', '1', region, "MA1K2L3P");
        var cohort = Of(code, "region");
        Assert.Equal(Core.Fairness.Cohort.UnknownKey, cohort.Key);
        Assert.False(cohort.Known);
    }

    [Fact]
    public void Hostile_organisation_codes_are_refused_with_their_rule()
    {
        var code = UnifiedSocialCreditCode.Create('9', '1', "310115", "MA1K2L3P");
        Assert.Equal(IdentifierRules.CheckCharacter, Cohorts.Read(code[..17] + (code[17] == '0' ? '1' : '0'), Today, AsOf).Rule);
        Assert.Equal(IdentifierRules.Alphabet, Cohorts.Read(code[..3] + "１" + code[4..], Today, AsOf).Rule);
        Assert.Equal(IdentifierRules.Alphabet, Cohorts.Read("９" + code[1..], Today, AsOf).Rule);
        Assert.Equal(IdentifierRules.RegistrationAuthority, Cohorts.Read("B" + code[1..], Today, AsOf).Rule);
    }

    [Fact]
    public void A_population_with_unknown_cohorts_keeps_them_in_the_report()
    {
        var known = Enumerable.Range(0, 120).Select(i => Made(SubjectIdentifiers.Parse(UnifiedSocialCreditCode.Create('9', '1', "310115", $"MA1K{i:D4}"), Today), Core.Scoring.ScoreStatus.Scored, 900, "A", [], [], []));
        var unknown = Enumerable.Range(0, 7).Select(i => Made(SubjectIdentifiers.Parse(UnifiedSocialCreditCode.Create('9', '1', "990000", $"MA2K{i:D4}"), Today), Core.Scoring.ScoreStatus.Scored, 900, "D", ["court-defaulters"], [], []));
        var section = FairnessKernel.Section(SubjectKind.Organisation, "orgs@1", [.. known, .. unknown], Outcomes, new FairnessOptions(AsOf, 1, 50, 100));
        var regions = section.Dimensions.Single(d => d.Dimension == "region");
        Assert.Equal([("31", 120), (Core.Fairness.Cohort.UnknownKey, 7)], regions.Cohorts.Select((c, i) => (c.Key, regions.Sizes[i])));
        var listed = Disparity(section, "region", "listed:court-defaulters").Cohorts.Single(c => c.Cohort.Key == Core.Fairness.Cohort.UnknownKey);
        Assert.Equal((7, 1.0, true), (listed.Adverse, listed.Rate!.Value, listed.Small));
        Assert.Contains(section.Words.En, l => l.Contains("unknown cohort", StringComparison.Ordinal));
        Assert.Contains(section.Words.Zh, l => l.Contains("未知", StringComparison.Ordinal));
    }
}
