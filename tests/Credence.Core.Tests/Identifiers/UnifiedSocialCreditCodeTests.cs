using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

public class UnifiedSocialCreditCodeTests
{
    private static readonly UnifiedSocialCreditCode Scheme = UnifiedSocialCreditCode.Standard;

    [Fact]
    public void Accepts_valid_codes_as_organisations()
    {
        foreach (var text in new[] { AllDigitEnterprise, Enterprise })
        {
            var check = Scheme.Check(text, Today);
            Assert.True(check.IsValid, check.Reason);
            Assert.Equal(SubjectKind.Organisation, check.Kind);
            Assert.Equal("GB 32100-2015", check.Scheme);
            Assert.Equal(text, check.Id!.Value.Value);
            Assert.Null(check.Id.Value.BirthDate);
            Assert.False(check.AcceptedByAllowList);
        }
    }

    [Fact]
    public void Lower_case_letters_are_accepted_and_canonicalised_to_upper_case()
    {
        var check = Scheme.Check(Enterprise.ToLowerInvariant(), Today);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(Enterprise, check.Id!.Value.Value);
        Assert.Equal(Scheme.Check(Enterprise, Today).Id, check.Id);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(19)]
    [InlineData(0)]
    public void Refuses_the_wrong_length(int length)
    {
        var text = (Enterprise + "0").PadRight(length, '0')[..length];
        var check = Scheme.Check(text, Today);
        Assert.Equal(IdentifierRules.Length, check.Rule);
        Assert.Contains($"found {length}", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    [InlineData('i')]
    [InlineData('z')]
    [InlineData('-')]
    [InlineData(' ')]
    public void Refuses_letters_the_standard_leaves_out_and_other_characters(char c)
    {
        foreach (var position in new[] { 0, 1, 4, 9, 16, 17 })
        {
            var check = Scheme.Check(Replace(Enterprise, position, c), Today);
            Assert.Equal(IdentifierRules.Alphabet, check.Rule);
            Assert.StartsWith($"Character {position + 1} is ", check.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData('0')]
    [InlineData('B')]
    [InlineData('X')]
    public void Refuses_an_unassigned_registration_authority(char authority)
    {
        var check = Scheme.Check(Replace(Enterprise, 0, authority), Today);
        Assert.Equal(IdentifierRules.RegistrationAuthority, check.Rule);
        Assert.Contains($"'{authority}' (position 1)", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('9', '4')]
    [InlineData('9', '9')]
    [InlineData('1', '4')]
    [InlineData('Y', '2')]
    [InlineData('5', 'A')]
    [InlineData('N', '4')]
    public void Refuses_a_category_not_assigned_under_its_authority(char authority, char category)
    {
        var text = Replace(Replace(Enterprise, 0, authority), 1, category);
        var check = Scheme.Check(text, Today);
        Assert.Equal(IdentifierRules.Category, check.Rule);
        Assert.Contains($"'{category}' (position 2)", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('1', '1')]
    [InlineData('2', '9')]
    [InlineData('3', '5')]
    [InlineData('4', '1')]
    [InlineData('5', '3')]
    [InlineData('6', '2')]
    [InlineData('7', '9')]
    [InlineData('8', '1')]
    [InlineData('9', '3')]
    [InlineData('A', '1')]
    [InlineData('N', '3')]
    [InlineData('Y', '1')]
    public void Accepts_every_assigned_authority(char authority, char category)
    {
        var text = UnifiedSocialCreditCode.Create(authority, category, "350100", "12345678");
        Assert.True(Scheme.Check(text, Today).IsValid);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    public void Refuses_a_letter_in_the_region_code(int position)
    {
        var check = Scheme.Check(Replace(Enterprise, position, 'A'), Today);
        Assert.Equal(IdentifierRules.Region, check.Rule);
        Assert.StartsWith($"Character {position + 1} is 'A'", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_organisation_code_that_fails_its_gb_11714_check()
    {
        // The body of Enterprise is MA01BC2D; every other check character at position 17 is wrong.
        char correct = Enterprise[16];
        foreach (char c in "0123456789X")
        {
            if (c == correct)
            {
                continue;
            }

            var check = Scheme.Check(Replace(Enterprise, 16, c), Today);
            Assert.Equal(IdentifierRules.OrganisationCodeCheck, check.Rule);
            Assert.Contains($"should be '{correct}'; found '{c}'", check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_a_changed_organisation_code_body()
    {
        var check = Scheme.Check(Replace(AllDigitEnterprise, 9, '5'), Today);
        Assert.Equal(IdentifierRules.OrganisationCodeCheck, check.Rule);
    }

    [Fact]
    public void Refuses_a_wrong_mod_31_check_character_naming_expected_and_found()
    {
        char correct = Enterprise[17];
        foreach (char c in UsccAlphabet.Characters)
        {
            if (c == correct)
            {
                continue;
            }

            var check = Scheme.Check(Replace(Enterprise, 17, c), Today);
            Assert.Equal(IdentifierRules.CheckCharacter, check.Rule);
            Assert.Contains($"should be '{correct}'; found '{c}'", check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_pre_standard_pilot_code_passes_gb_11714_but_fails_mod_31()
    {
        Assert.Equal('X', OrganisationCode.CheckCharacter("M0001TGQ"));
        var check = Scheme.Check(PilotCode, Today);
        Assert.False(check.IsValid);
        Assert.Equal(IdentifierRules.CheckCharacter, check.Rule);
        Assert.Contains("should be '1'; found 'M'", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Today_does_not_matter_to_an_organisation_code()
    {
        Assert.Equal(Scheme.Check(Enterprise, DateOnly.MinValue), Scheme.Check(Enterprise, DateOnly.MaxValue));
    }

    [Fact]
    public void Claims_any_eighteen_characters()
    {
        Assert.True(Scheme.Claims(Enterprise));
        Assert.True(Scheme.Claims(StandardPerson1949));
        Assert.True(Scheme.Claims(new string('?', 18)));
        Assert.False(Scheme.Claims(Enterprise[..17]));
    }

    [Fact]
    public void Create_computes_both_check_characters()
    {
        Assert.Equal(AllDigitEnterprise, UnifiedSocialCreditCode.Create('9', '1', "440300", "19220382"));
        var code = UnifiedSocialCreditCode.Create('9', '1', "350100", "M0001TGQ");
        Assert.Equal("91350100M0001TGQX1", code);
    }

    [Theory]
    [InlineData('0', '1', "110108", "12345678")]
    [InlineData('9', '4', "110108", "12345678")]
    [InlineData('9', '1', "11010", "12345678")]
    [InlineData('9', '1', "1101A8", "12345678")]
    [InlineData('9', '1', "110108", "1234567")]
    [InlineData('9', '1', "110108", "1234567I")]
    [InlineData('9', '1', "110108", "O2345678")]
    [InlineData('9', '1', "110108", "ma01bc2d")]
    [InlineData('9', '1', "110108", "1234-678")]
    public void Create_refuses_bad_parts(char authority, char category, string region, string body)
    {
        Assert.ThrowsAny<ArgumentException>(() => UnifiedSocialCreditCode.Create(authority, category, region, body));
    }
}
