using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

public class SubjectIdentifiersTests
{
    [Theory]
    [InlineData(StandardPerson1949, SubjectKind.Person)]
    [InlineData("11010519491231002x", SubjectKind.Person)]
    [InlineData(StandardPerson1880, SubjectKind.Person)]
    [InlineData(AllDigitEnterprise, SubjectKind.Organisation)]
    public void Routes_valid_identifiers_to_their_kind(string text, SubjectKind kind)
    {
        var check = SubjectIdentifiers.Check(text, Today);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(kind, check.Kind);
        Assert.Equal(kind, check.Id!.Value.Kind);
    }

    [Fact]
    public void Routes_a_code_with_letters_to_organisations()
    {
        Assert.Equal(SubjectKind.Organisation, SubjectIdentifiers.Parse(Enterprise, Today).Kind);
    }

    [Fact]
    public void An_all_digit_organisation_code_whose_date_is_impossible_is_an_organisation()
    {
        // 110105194902310038 has a province prefix, so it is first read as a person's number, whose
        // date 19490231 does not exist; it is a valid code of an organ registered in 010519.
        const string text = "110105194902310038";
        Assert.Equal(IdentifierRules.BirthDate, ResidentIdentityNumber.Instance.Check(text, Today).Rule);
        Assert.Equal(text, UnifiedSocialCreditCode.Create('1', '1', "010519", "49023100"));

        var check = SubjectIdentifiers.Check(text, Today);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(SubjectKind.Organisation, check.Kind);
    }

    [Fact]
    public void Text_valid_in_both_schemes_is_taken_as_a_person_unless_the_kind_is_given()
    {
        const string text = "110105194912312164";
        Assert.True(UnifiedSocialCreditCode.Standard.Check(text, Today).IsValid);

        Assert.Equal(SubjectKind.Person, SubjectIdentifiers.Check(text, Today).Kind);
        Assert.Equal(SubjectKind.Organisation, SubjectIdentifiers.Parse(text, Today, SubjectKind.Organisation).Kind);
    }

    [Fact]
    public void A_check_character_failure_is_final_and_points_to_the_other_scheme()
    {
        // Fails MOD 11-2 as an identity number (should be 1), but is a valid organisation code.
        const string text = "110105194912310482";
        var check = SubjectIdentifiers.Check(text, Today);

        Assert.False(check.IsValid);
        Assert.Equal(SubjectKind.Person, check.Kind);
        Assert.Equal(IdentifierRules.CheckCharacter, check.Rule);
        Assert.Contains("valid GB 32100-2015 identifier; if it names an organisation, check it as one", check.Reason, StringComparison.Ordinal);
        Assert.True(SubjectIdentifiers.Check(text, Today, SubjectKind.Organisation).IsValid);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("11010519491231002", 17)]
    [InlineData("11010519491231002XX", 19)]
    [InlineData("91440300192203821", 17)]
    public void Refuses_text_that_is_not_eighteen_characters(string text, int length)
    {
        var check = SubjectIdentifiers.Check(text, Today);
        Assert.Equal(IdentifierRules.Length, check.Rule);
        Assert.Null(check.Kind);
        Assert.Null(check.Scheme);
        Assert.Contains($"found {length}", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_refusal_points_out_surrounding_white_space()
    {
        var check = SubjectIdentifiers.Check(" " + StandardPerson1949, Today);
        Assert.Equal(IdentifierRules.Length, check.Rule);
        Assert.EndsWith("found 19, counting white space at the start or end.", check.Reason, StringComparison.Ordinal);
        Assert.EndsWith("found 17.", SubjectIdentifiers.Check(StandardPerson1949[..17], Today).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010519491231-02X", IdentifierRules.Alphabet, SubjectKind.Person)]
    [InlineData("99010519491231002X", IdentifierRules.Region, SubjectKind.Person)]
    [InlineData("11010519490231002X", IdentifierRules.BirthDate, SubjectKind.Person)]
    [InlineData("11010517991231002X", IdentifierRules.BirthDate, SubjectKind.Person)]
    [InlineData("110105203001010021", IdentifierRules.BirthDateFuture, SubjectKind.Person)]
    [InlineData("110105194912310021", IdentifierRules.CheckCharacter, SubjectKind.Person)]
    [InlineData("914403001922038217", IdentifierRules.CheckCharacter, SubjectKind.Organisation)]
    [InlineData("914403001922038316", IdentifierRules.OrganisationCodeCheck, SubjectKind.Organisation)]
    [InlineData("91440300192203821I", IdentifierRules.Alphabet, SubjectKind.Organisation)]
    [InlineData("B1440300192203821X", IdentifierRules.RegistrationAuthority, SubjectKind.Organisation)]
    [InlineData("9A440300192203821X", IdentifierRules.Category, SubjectKind.Organisation)]
    public void Says_which_rule_broke(string text, string rule, SubjectKind kind)
    {
        var check = SubjectIdentifiers.Check(text, Today);
        Assert.False(check.IsValid);
        Assert.Equal(rule, check.Rule);
        Assert.Equal(kind, check.Kind);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
        Assert.DoesNotContain('\n', check.Reason);
        Assert.False(SubjectIdentifiers.TryParse(text, Today, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void Parse_throws_with_rule_and_reason()
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => SubjectIdentifiers.Parse("110105194912310021", Today));
        Assert.Equal(IdentifierRules.CheckCharacter, error.Rule);
        Assert.Equal("110105194912310021", error.Input);
        Assert.Contains("should be 'X'", error.Reason, StringComparison.Ordinal);
        Assert.Equal($"check-character: {error.Reason}", error.Message);
        Assert.DoesNotContain("110105194912310021", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_with_a_kind_refuses_the_other_kind()
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => SubjectIdentifiers.Parse(Enterprise, Today, SubjectKind.Person));
        Assert.Equal(IdentifierRules.Alphabet, error.Rule);
        var organisation = Assert.Throws<InvalidIdentifierException>(() => SubjectIdentifiers.Parse(StandardPerson1949, Today, SubjectKind.Organisation));
        Assert.Equal(IdentifierRules.OrganisationCodeCheck, organisation.Rule);
        Assert.Throws<ArgumentOutOfRangeException>(() => SubjectIdentifiers.Check(Enterprise, Today, (SubjectKind)0));
    }

    [Fact]
    public void TryParse_gives_the_canonical_identifier()
    {
        Assert.True(SubjectIdentifiers.TryParse("11010519491231002x", Today, out var person));
        Assert.Equal(StandardPerson1949, person.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), person.BirthDate);
        Assert.True(SubjectIdentifiers.TryParse(Enterprise.ToLowerInvariant(), Today, out var organisation));
        Assert.Equal(Enterprise, organisation.Value);
        Assert.Equal(Enterprise, organisation.ToString());
        Assert.False(SubjectIdentifiers.TryParse(null, Today, out _));
    }

    [Fact]
    public void Two_spellings_of_one_subject_are_equal()
    {
        Assert.Equal(SubjectIdentifiers.Parse("11010519491231002x", Today), SubjectIdentifiers.Parse(StandardPerson1949, Today));
        Assert.Equal(SubjectIdentifiers.Parse(Enterprise.ToLowerInvariant(), Today), SubjectIdentifiers.Parse(Enterprise, Today));
        Assert.NotEqual(SubjectIdentifiers.Parse(StandardPerson1949, Today), SubjectIdentifiers.Parse(StandardPerson1880, Today));
    }

    [Fact]
    public void Check_refuses_null_loudly()
    {
        Assert.Throws<ArgumentNullException>(() => SubjectIdentifiers.Check(null!, Today));
    }

    [Fact]
    public void The_verdict_reads_as_one_line()
    {
        Assert.Equal("GB 11643-1999: valid Person", SubjectIdentifiers.Check(StandardPerson1949, Today).ToString());
        Assert.StartsWith("identifier: length: ", SubjectIdentifiers.Check("1", Today).ToString(), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidIdentifierException>(() => SubjectIdentifiers.Check("1", Today).GetIdOrThrow());
        Assert.Equal(IdentifierRules.Length, error.Rule);
    }
}
