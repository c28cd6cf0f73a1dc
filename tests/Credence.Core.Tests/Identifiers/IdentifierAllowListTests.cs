using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

public class IdentifierAllowListTests
{
    private const string Justification = "Verified against the Fuzhou market regulator's register, 2016-03-01.";

    private static readonly IdentifierAllowList Pilot = IdentifierAllowList.Empty.With(PilotCode, Justification);

    [Fact]
    public void The_default_list_is_empty_and_the_pilot_code_is_refused()
    {
        Assert.Equal(0, IdentifierAllowList.Empty.Count);
        Assert.Same(IdentifierAllowList.Empty, UnifiedSocialCreditCode.Standard.AllowList);

        var check = SubjectIdentifiers.Check(PilotCode, Today);
        Assert.False(check.IsValid);
        Assert.Equal(IdentifierRules.CheckCharacter, check.Rule);
        Assert.False(SubjectIdentifiers.TryParse(PilotCode, Today, out _));
    }

    [Fact]
    public void A_listed_code_is_accepted_and_says_so()
    {
        var check = SubjectIdentifiers.Check(PilotCode, Today, Pilot);

        Assert.True(check.IsValid, check.Reason);
        Assert.True(check.AcceptedByAllowList);
        Assert.Equal(SubjectKind.Organisation, check.Kind);
        Assert.Equal(PilotCode, check.Id!.Value.Value);
        Assert.Equal(PilotCode, SubjectIdentifiers.Parse(PilotCode, Today, Pilot).Value);
        Assert.True(new UnifiedSocialCreditCode(Pilot).Check(PilotCode, Today).AcceptedByAllowList);
        Assert.True(SubjectIdentifiers.Check(PilotCode, Today, SubjectKind.Organisation, Pilot).IsValid);
    }

    [Fact]
    public void A_listed_code_in_lower_case_is_the_same_code()
    {
        var check = SubjectIdentifiers.Check(PilotCode.ToLowerInvariant(), Today, Pilot);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(PilotCode, check.Id!.Value.Value);
    }

    [Fact]
    public void The_list_keeps_the_justification_and_stays_immutable()
    {
        Assert.Equal(1, Pilot.Count);
        Assert.Equal(Justification, Pilot.Entries[PilotCode]);
        Assert.True(Pilot.Contains(PilotCode));
        Assert.Equal(0, IdentifierAllowList.Empty.Count);

        var lower = IdentifierAllowList.Empty.With(PilotCode.ToLowerInvariant(), Justification);
        Assert.True(lower.Contains(PilotCode));
    }

    [Fact]
    public void The_list_bypasses_only_the_mod_31_check_of_the_exact_code()
    {
        // A different organisation code body: the allow-list does not cover it.
        var neighbour = Replace(PilotCode, 17, 'N');
        Assert.Equal(IdentifierRules.CheckCharacter, SubjectIdentifiers.Check(neighbour, Today, Pilot).Rule);

        // Breaking the GB 11714 check of the listed code is still refused.
        var brokenOrganisationCode = Replace(PilotCode, 16, '7');
        Assert.Equal(IdentifierRules.OrganisationCodeCheck, SubjectIdentifiers.Check(brokenOrganisationCode, Today, Pilot).Rule);

        // Valid codes stay valid and are not marked.
        var valid = SubjectIdentifiers.Check(Enterprise, Today, Pilot);
        Assert.True(valid.IsValid);
        Assert.False(valid.AcceptedByAllowList);
    }

    [Fact]
    public void Refuses_an_entry_that_is_already_valid()
    {
        var error = Assert.Throws<ArgumentException>(() => IdentifierAllowList.Empty.With(Enterprise, Justification));
        Assert.Contains("needs no allow-listing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M0001TGQX", "length")]
    [InlineData("91350100M0001TGQ7M", "organisation-code-check")]
    [InlineData("94350100M0001TGQXM", "category")]
    [InlineData("91350100M0001TGOXM", "alphabet")]
    public void Refuses_an_entry_that_breaks_another_rule(string code, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => IdentifierAllowList.Empty.With(code, Justification));
        Assert.Contains($"'{rule}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_an_entry_without_justification(string justification)
    {
        Assert.ThrowsAny<ArgumentException>(() => IdentifierAllowList.Empty.With(PilotCode, justification));
    }
}
