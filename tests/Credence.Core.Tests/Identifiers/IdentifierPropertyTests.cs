using Credence.Core.Identifiers;
using FsCheck.Xunit;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

/// <summary>
/// Why single substitutions are always caught: MOD 11-2 weights are powers of 2 modulo the prime 11,
/// never 0, and two different digits differ by 1–9, so a substitution in positions 1–17 changes the
/// weighted sum by a non-multiple of 11; the mod-31 weights are powers of 3 modulo the prime 31, and
/// two alphabet characters differ by 1–30. A changed check character no longer matches the unchanged
/// sum. So the scheme that issued an identifier refuses every single-character substitution.
/// </summary>
[Properties(Arbitrary = [typeof(IdentifierArbitraries)], MaxTest = 500)]
public class IdentifierPropertyTests
{
    [Property]
    public bool Every_generated_identity_number_is_valid(GeneratedPerson person)
    {
        var check = SubjectIdentifiers.Check(person.Text, Today);
        return check.IsValid
            && check.Kind == SubjectKind.Person
            && check.Id!.Value.Value == person.Text
            && check.Id.Value.BirthDate == person.BirthDate;
    }

    [Property]
    public bool Every_generated_organisation_code_is_valid(GeneratedOrganisation organisation)
    {
        var scheme = UnifiedSocialCreditCode.Standard.Check(organisation.Text, Today);
        var routed = SubjectIdentifiers.Check(organisation.Text, Today);

        // Routed text may be taken as a person's only when it is a valid identity number too.
        bool routedWell = routed.Kind == SubjectKind.Organisation
            || ResidentIdentityNumber.Instance.Check(organisation.Text, Today).IsValid;
        return scheme.IsValid && scheme.Id!.Value.Value == organisation.Text && routed.IsValid && routedWell;
    }

    [Property]
    public bool Any_substitution_in_an_identity_number_is_refused(GeneratedPerson person, Substitution substitution)
    {
        var mutated = IdentifierArbitraries.Apply(person.Text, substitution);
        var routed = SubjectIdentifiers.Check(mutated, Today);
        return !ResidentIdentityNumber.Instance.Check(mutated, Today).IsValid
            && (!routed.IsValid || routed.Kind == SubjectKind.Organisation);
    }

    [Property]
    public bool Any_substitution_in_an_organisation_code_is_refused(GeneratedOrganisation organisation, Substitution substitution)
    {
        var mutated = IdentifierArbitraries.Apply(organisation.Text, substitution);
        var routed = SubjectIdentifiers.Check(mutated, Today);
        return !UnifiedSocialCreditCode.Standard.Check(mutated, Today).IsValid
            && (!routed.IsValid || routed.Kind == SubjectKind.Person);
    }

    [Property]
    public bool Lower_case_spellings_are_the_same_subject(GeneratedPerson person, GeneratedOrganisation organisation)
    {
        return SubjectIdentifiers.Check(person.Text.ToLowerInvariant(), Today).Id == SubjectIdentifiers.Check(person.Text, Today).Id
            && SubjectIdentifiers.Check(organisation.Text.ToLowerInvariant(), Today).Id == SubjectIdentifiers.Check(organisation.Text, Today).Id;
    }

    [Fact]
    public void Every_substitution_in_the_standard_examples_is_refused_exhaustively()
    {
        string[] people = [StandardPerson1949, StandardPerson1880];
        string[] organisations = [AllDigitEnterprise, Enterprise];
        int refused = 0;
        foreach (var (texts, scheme) in new[]
        {
            (people, (ISubjectIdentifierScheme)ResidentIdentityNumber.Instance),
            (organisations, UnifiedSocialCreditCode.Standard),
        })
        {
            foreach (var text in texts)
            {
                for (int position = 0; position < text.Length; position++)
                {
                    foreach (char c in IdentifierArbitraries.Pool)
                    {
                        if (char.ToUpperInvariant(c) == char.ToUpperInvariant(text[position]))
                        {
                            continue;
                        }

                        var mutated = Replace(text, position, c);
                        Assert.False(scheme.Check(mutated, Today).IsValid, $"{scheme.Name} accepted a substitution at {position + 1}: {mutated}");
                        refused++;
                    }
                }
            }
        }

        Assert.True(refused > 4 * 18 * 40);
    }

    [Fact]
    public void The_check_character_weights_never_vanish_modulo_their_primes()
    {
        // The fact the proof above rests on, checked for every position and every difference.
        for (int position = 1; position <= 17; position++)
        {
            int weight11 = (int)(Math.Pow(2, 18 - position) % 11);
            int weight31 = (int)(Math.Pow(3, position - 1) % 31);
            for (int difference = 1; difference <= 9; difference++)
            {
                Assert.NotEqual(0, difference * weight11 % 11);
            }

            for (int difference = 1; difference <= 30; difference++)
            {
                Assert.NotEqual(0, difference * weight31 % 31);
            }
        }
    }
}
