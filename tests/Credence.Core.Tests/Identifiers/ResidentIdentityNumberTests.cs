using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

public class ResidentIdentityNumberTests
{
    private static readonly ResidentIdentityNumber Scheme = ResidentIdentityNumber.Instance;

    [Theory]
    [InlineData(StandardPerson1949, 1949, 12, 31)]
    [InlineData(StandardPerson1880, 1880, 1, 1)]
    public void The_standards_examples_are_valid(string text, int year, int month, int day)
    {
        var check = Scheme.Check(text, Today);

        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(SubjectKind.Person, check.Kind);
        Assert.Equal("GB 11643-1999", check.Scheme);
        Assert.Equal(text, check.Id!.Value.Value);
        Assert.Equal(new DateOnly(year, month, day), check.Id.Value.BirthDate);
        Assert.Null(check.Rule);
        Assert.Null(check.Reason);
    }

    [Fact]
    public void Lower_case_x_is_accepted_and_canonicalised_to_upper_case()
    {
        var check = Scheme.Check("11010519491231002x", Today);

        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(StandardPerson1949, check.Id!.Value.Value);
        Assert.Equal("11010519491231002x", check.Input);
        Assert.Equal(Scheme.Check(StandardPerson1949, Today).Id, check.Id);
    }

    [Fact]
    public void Upper_case_input_is_its_own_canonical_form()
    {
        var check = Scheme.Check(StandardPerson1949, Today);
        Assert.Same(check.Input, check.Id!.Value.Value);
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("")]
    public void Refuses_the_wrong_length(string text)
    {
        var check = Scheme.Check(text, Today);
        Assert.False(check.IsValid);
        Assert.Equal(IdentifierRules.Length, check.Rule);
        Assert.Contains($"found {text.Length}", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1101051949123100AX", "Character 17 is 'A'")]
    [InlineData("11010519491231-02X", "Character 15 is '-'")]
    [InlineData("110105 9491231002X", "Character 7 is U+0020")]
    [InlineData("１1010519491231002X", "Character 1 is U+FF11")]
    [InlineData("11010519491231002Y", "Character 18 is 'Y'")]
    [InlineData("11010519491231002-", "Character 18 is '-'")]
    public void Refuses_characters_outside_the_alphabet(string text, string expected)
    {
        var check = Scheme.Check(text, Today);
        Assert.Equal(IdentifierRules.Alphabet, check.Rule);
        Assert.StartsWith(expected, check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99010519491231002")]
    [InlineData("00010519491231002")]
    [InlineData("10010519491231002")]
    [InlineData("16010519491231002")]
    [InlineData("72010519491231002")]
    [InlineData("84010519491231002")]
    public void Refuses_a_region_code_outside_the_provinces(string first17)
    {
        var check = Scheme.Check(WithPersonCheck(first17), Today);
        Assert.Equal(IdentifierRules.Region, check.Rule);
        Assert.Contains(first17[..6], check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("71")]
    [InlineData("81")]
    [InlineData("82")]
    [InlineData("83")]
    [InlineData("46")]
    [InlineData("50")]
    public void Accepts_taiwan_hong_kong_macao_and_the_younger_provinces(string prefix)
    {
        var text = WithPersonCheck(prefix + "000019800101001");
        Assert.True(Scheme.Check(text, Today).IsValid);
    }

    [Theory]
    [InlineData("19490231")]
    [InlineData("19491301")]
    [InlineData("19490001")]
    [InlineData("19490100")]
    [InlineData("19490431")]
    [InlineData("19000229")]
    [InlineData("20230229")]
    public void Refuses_a_birth_date_that_does_not_exist(string date)
    {
        var check = Scheme.Check(WithPersonCheck("110105" + date + "002"), Today);
        Assert.Equal(IdentifierRules.BirthDate, check.Rule);
        Assert.Contains(date, check.Reason, StringComparison.Ordinal);
        Assert.Contains("not a calendar date", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_29_february_of_a_leap_year()
    {
        var check = Scheme.Check(WithPersonCheck("11010520000229002"), Today);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(new DateOnly(2000, 2, 29), check.Id!.Value.BirthDate);
    }

    [Fact]
    public void Refuses_a_birth_date_after_today_and_accepts_today()
    {
        var tomorrow = ResidentIdentityNumber.Create("110105", Today.AddDays(1), 1);
        var check = Scheme.Check(tomorrow, Today);
        Assert.Equal(IdentifierRules.BirthDateFuture, check.Rule);
        Assert.Contains("2025-07-01", check.Reason, StringComparison.Ordinal);
        Assert.Contains("2025-06-30", check.Reason, StringComparison.Ordinal);

        Assert.True(Scheme.Check(ResidentIdentityNumber.Create("110105", Today, 1), Today).IsValid);
        Assert.True(Scheme.Check(tomorrow, Today.AddDays(1)).IsValid);
    }

    [Theory]
    [InlineData("17991231")]
    [InlineData("00000101")]
    [InlineData("10000101")]
    public void Refuses_a_birth_date_before_1800(string date)
    {
        var check = Scheme.Check(WithPersonCheck("110105" + date + "002"), Today);
        Assert.Equal(IdentifierRules.BirthDate, check.Rule);
        Assert.Contains("before 1800-01-01", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_the_earliest_birth_date()
    {
        Assert.True(Scheme.Check(WithPersonCheck("11010518000101002"), Today).IsValid);
        Assert.Equal(new DateOnly(1800, 1, 1), ResidentIdentityNumber.EarliestBirthDate);
    }

    [Theory]
    [InlineData("110105194912310021", 'X', '1')]
    [InlineData("440524188001010010", '4', '0')]
    [InlineData("44052418800101001X", '4', 'X')]
    [InlineData("44052418800101001x", '4', 'x')]
    public void Refuses_a_wrong_check_character_naming_expected_and_found(string text, char expected, char found)
    {
        var check = Scheme.Check(text, Today);
        Assert.Equal(IdentifierRules.CheckCharacter, check.Rule);
        Assert.Contains($"should be '{expected}'", check.Reason, StringComparison.Ordinal);
        Assert.Contains($"found '{found}'", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_never_repeats_the_whole_number()
    {
        foreach (var text in new[] { "110105194912310021", "99010519491231002X", "11010519490231002X" })
        {
            Assert.DoesNotContain(text, Scheme.Check(text, Today).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_writes_the_standards_examples()
    {
        Assert.Equal(StandardPerson1949, ResidentIdentityNumber.Create("110105", new DateOnly(1949, 12, 31), 2));
        Assert.Equal(StandardPerson1880, ResidentIdentityNumber.Create("440524", new DateOnly(1880, 1, 1), 1));
    }

    [Theory]
    [InlineData("11010", 1)]
    [InlineData("1101051", 1)]
    [InlineData("99010A", 1)]
    [InlineData("990105", 1)]
    [InlineData("110105", -1)]
    [InlineData("110105", 1000)]
    public void Create_refuses_bad_parts(string region, int sequence)
    {
        Assert.ThrowsAny<ArgumentException>(() => ResidentIdentityNumber.Create(region, new DateOnly(1990, 1, 1), sequence));
    }

    [Fact]
    public void Create_refuses_a_birth_date_before_1800()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdentityNumber.Create("110105", new DateOnly(1799, 12, 31), 1));
    }

    [Fact]
    public void Claims_identity_number_shapes_but_not_all_digit_organisation_codes()
    {
        Assert.True(Scheme.Claims(StandardPerson1949));
        Assert.True(Scheme.Claims("11010519491231002x"));
        Assert.True(Scheme.Claims("99010519491231002X"));
        Assert.True(Scheme.Claims("11010519491231-02X"));
        Assert.False(Scheme.Claims(AllDigitEnterprise));
        Assert.False(Scheme.Claims("1101051949123100AX"));
        Assert.False(Scheme.Claims("11010519491231002Y"));
        Assert.False(Scheme.Claims("11010519491231002"));
        Assert.False(Scheme.Claims(Enterprise));
    }
}
