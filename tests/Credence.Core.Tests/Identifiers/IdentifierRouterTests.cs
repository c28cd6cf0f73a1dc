using Credence.Core.Identifiers;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Identifiers;

public class IdentifierRouterTests
{
    /// <summary>A scheme from outside the two standards: it claims nothing and so is never asked.</summary>
    private sealed class NeverClaims : ISubjectIdentifierScheme
    {
        public int Checks { get; private set; }

        public SubjectKind Kind => SubjectKind.Person;

        public string Name => "never";

        public bool Claims(string text) => false;

        public IdentifierCheck Check(string text, DateOnly today)
        {
            Checks++;
            return ResidentIdentityNumber.Instance.Check(text, today);
        }
    }

    [Fact]
    public void The_standard_router_agrees_with_the_facade_on_eighteen_characters()
    {
        var router = IdentifierRouter.Standard();
        foreach (var text in new[] { StandardPerson1949, AllDigitEnterprise, Enterprise, PilotCode, "110105194902310038", "99010519491231002X" })
        {
            Assert.Equal(SubjectIdentifiers.Check(text, Today), router.Check(text, Today));
        }

        Assert.Equal(["GB 11643-1999", "GB 32100-2015"], router.Schemes.Select(s => s.Name));
    }

    [Fact]
    public void The_standard_router_uses_the_allow_list()
    {
        var list = IdentifierAllowList.Empty.With(PilotCode, "Verified against the register.");
        Assert.True(IdentifierRouter.Standard(list).Check(PilotCode, Today).AcceptedByAllowList);
    }

    [Fact]
    public void Text_no_scheme_claims_is_an_unknown_scheme()
    {
        var never = new NeverClaims();
        var router = new IdentifierRouter([never, ResidentIdentityNumber.Instance]);

        var check = router.Check("A123456(7)", Today);
        Assert.Equal(IdentifierRules.UnknownScheme, check.Rule);
        Assert.Null(check.Kind);
        Assert.Contains("known schemes: never, GB 11643-1999", check.Reason, StringComparison.Ordinal);
        Assert.Equal(0, never.Checks);
    }

    [Fact]
    public void The_first_claiming_scheme_judges()
    {
        var router = new IdentifierRouter([new NeverClaims(), ResidentIdentityNumber.Instance]);
        Assert.Equal(SubjectKind.Person, router.Check(StandardPerson1949, Today).Kind);
        Assert.Equal(IdentifierRules.CheckCharacter, router.Check("110105194912310021", Today).Rule);
    }

    [Fact]
    public void Refuses_an_empty_or_null_scheme_list()
    {
        Assert.Throws<ArgumentException>(() => new IdentifierRouter([]));
        Assert.Throws<ArgumentNullException>(() => new IdentifierRouter([null!]));
    }
}
