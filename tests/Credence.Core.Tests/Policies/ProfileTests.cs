using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

public class ProfileTests
{
    // late-utility-fees is general, judgment-defaulter serious, fare-evasion minor.
    private static string ReplaceLasts(string yaml, string typeName, string lasts)
    {
        var start = yaml.IndexOf($"    name: {typeName}\n", StringComparison.Ordinal);
        var at = yaml.IndexOf("    lasts: ", start, StringComparison.Ordinal);
        var end = yaml.IndexOf('\n', at);
        return string.Concat(yaml.AsSpan(0, at), $"    lasts: {lasts}", yaml.AsSpan(end));
    }

    [Theory]
    [InlineData("Late utility fees", "3mo", true)]
    [InlineData("Late utility fees", "90d", true)]
    [InlineData("Late utility fees", "2mo", false)]
    [InlineData("Late utility fees", "89d", false)]
    [InlineData("Late utility fees", "1y", true)]
    [InlineData("Late utility fees", "1y1d", false)]
    [InlineData("Court judgment defaulter", "1y", true)]
    [InlineData("Court judgment defaulter", "364d", false)]
    [InlineData("Court judgment defaulter", "3y", true)]
    [InlineData("Court judgment defaulter", "3y1d", false)]
    [InlineData("Fare evasion", "3mo", true)]
    [InlineData("Fare evasion", "1d", true)]
    [InlineData("Fare evasion", "3mo1d", false)]
    public void Prc_publication_periods_by_severity(string type, string lasts, bool ok)
    {
        var yaml = ReplaceLasts(Base, type, lasts);
        if (ok)
        {
            Accepted(yaml);
            return;
        }

        var p = Assert.Single(Refused(yaml, PolicyRules.PrcPublicationPeriod));
        var (line, column) = At(yaml, $"lasts: {lasts}\n");
        Assert.Equal((line, column + 7), (p.Line, p.Column));
        Assert.Contains($"lasts {lasts}", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prc_periods_bind_adverse_types_only_and_other_profiles_not_at_all()
    {
        Accepted(ReplaceLasts(Base, "Judgment performed", "5y"));
        Accepted(ReplaceLasts(EuAiAct, "Late utility fees", "2mo"));
        Accepted(ReplaceLasts(Fcra, "Court judgment defaulter", "7y"));
    }

    [Theory]
    [InlineData("term: 2y", true)]
    [InlineData("term: 730d", true)]
    [InlineData("term: 24mo", true)]
    [InlineData("term: 1y", false)]
    [InlineData("term: 3y", false)]
    [InlineData("term: 2y1d", false)]
    [InlineData("term: 2y, extension: { by: [judgment-defaulter], length: 1y }", true)]
    [InlineData("term: 2y, extension: { by: [judgment-defaulter], length: 3y }", true)]
    [InlineData("term: 2y, extension: { by: [judgment-defaulter], length: 11mo }", false)]
    [InlineData("term: 2y, extension: { by: [judgment-defaulter], length: 3y1d }", false)]
    public void Prc_court_defaulter_term(string exit, bool ok)
    {
        var yaml = Base.With("term: 2y }", exit + " }");
        if (ok)
        {
            Accepted(yaml);
        }
        else
        {
            Assert.Single(RefusedOnly(yaml, PolicyRules.PrcDefaulterTerm));
        }
    }

    [Fact]
    public void Prc_court_defaulter_list_needs_a_term_and_a_court()
    {
        var noTerm = Base.With("exit: { fulfilled-by: [judgment-performed], term: 2y }", "exit: { fulfilled-by: [judgment-performed] }");
        var p = Assert.Single(RefusedOnly(noTerm, PolicyRules.PrcDefaulterTerm));
        Assert.Equal("lists[0].exit.term", p.Path);
        Assert.Contains("has no term", p.Message, StringComparison.Ordinal);

        var notACourt = Base.With("    area: judicial\n    matter: court-judgments\n    points: -100\n", "    area: administrative\n    matter: court-judgments\n    points: -100\n")
            .With("areas: [judicial]", "areas: [administrative]");
        Assert.Equal("lists[0].entry", Assert.Single(RefusedOnly(notACourt, PolicyRules.PrcDefaulterTerm)).Path);
    }

    [Theory]
    [InlineData("general: 3mo", true)]
    [InlineData("general: 2mo", false)]
    [InlineData("general: 1y1d", false)]
    [InlineData("serious: 1y", true)]
    [InlineData("serious: 11mo", false)]
    [InlineData("serious: 3y1d", false)]
    [InlineData("minor: 3mo1d", false)]
    public void Prc_repair_minimum_periods(string period, bool ok)
    {
        var key = period[..period.IndexOf(':', StringComparison.Ordinal)];
        var old = key switch { "general" => "general: 3mo", "serious" => "serious: 1y", _ => "minor: 0d" };
        var yaml = Base.With(old, period);
        if (ok)
        {
            Accepted(yaml);
            return;
        }

        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.PrcRepairMinimum), p => p.Path == $"repair.minimum-period.{key}");
        AssertAt(p, yaml, period[(key.Length + 2)..] + (key == "serious" ? " }" : ","));
    }

    [Fact]
    public void Prc_repair_needs_a_period_that_ends_before_the_record()
    {
        var missing = Base.With("minimum-period: { minor: 0d, general: 3mo, serious: 1y }", "minimum-period: { minor: 0d, general: 3mo }");
        var p = Assert.Single(RefusedOnly(missing, PolicyRules.PrcRepairMinimum));
        Assert.Equal("repair.qualifying[0].for[0]", p.Path);

        var tooLong = ReplaceLasts(Base, "Late utility fees", "3mo")
            .With("general: 3mo", "general: 6mo")
            .With("- { for: [judgment-defaulter]", "- { for: [judgment-defaulter, late-utility-fees]");
        Assert.Equal("repair.qualifying[0].for[1]", Assert.Single(RefusedOnly(tooLong, PolicyRules.PrcRepairMinimum)).Path);
    }

    [Theory]
    [InlineData("30d", true)]
    [InlineData("1mo", true)]
    [InlineData("15d", true)]
    [InlineData("31d", false)]
    [InlineData("45d", false)]
    public void Fcra_dispute_deadline(string time, bool ok)
    {
        var yaml = Fcra.With("response-time: 30d", $"response-time: {time}");
        if (ok)
        {
            Accepted(yaml);
        }
        else
        {
            AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.FcraDisputeDeadline)), yaml, time + " }");
        }
    }

    [Theory]
    [InlineData("7y", false, true)]
    [InlineData("2555d", false, true)]
    [InlineData("7y1d", false, false)]
    [InlineData("10y", false, false)]
    [InlineData("10y", true, true)]
    [InlineData("10y1d", true, false)]
    public void Fcra_negative_items_age_out(string lasts, bool bankruptcy, bool ok)
    {
        var yaml = ReplaceLasts(Fcra, "Late utility fees", lasts);
        if (bankruptcy)
        {
            yaml = yaml.With("    name: Late utility fees\n", "    name: Late utility fees\n    bankruptcy: true\n");
        }

        if (ok)
        {
            Accepted(yaml);
            return;
        }

        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.FcraAging));
        Assert.Equal("record-types[2].lasts", p.Path);
        Assert.Contains(bankruptcy ? "10 years" : "7 years", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fcra_key_factors_at_most_four()
    {
        Accepted(Fcra.With("max-key-factors: 4", "max-key-factors: 1"));
        var yaml = Fcra.With("max-key-factors: 4", "max-key-factors: 5");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.FcraKeyFactors)), yaml, "5\n");
    }

    [Fact]
    public void Fcra_publishes_no_list_of_persons()
    {
        var yaml = Fcra.With("    kind: redlist\n", "    kind: redlist\n    published: true\n");
        Assert.Equal("lists[1].published", Assert.Single(RefusedOnly(yaml, PolicyRules.FcraPermissiblePurpose)).Path);
        Accepted(yaml.With("subjects: persons", "subjects: organisations").With("minimum-age: 18\n", string.Empty));
    }

    private static string TaxEvasion => """
          - id: tax-evasion
            name: Tax evasion
            area: administrative
            matter: tax
            points: -50
            lasts: 3y
            severity: serious
        """;

    [Fact]
    public void Eu_refuses_a_restriction_in_a_context_unrelated_to_some_of_its_records()
    {
        var mixed = EuAiAct.AddRecordType(TaxEvasion)
            .With("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter, tax-evasion] }")
            .With("term: 2y }", "term: 2y }\n  # defaulter term rules are prc only");
        var p = Assert.Single(RefusedOnly(mixed, PolicyRules.EuUnrelatedContext));
        Assert.Equal("measures[0].relates-to.areas", p.Path);
        Assert.Contains("'tax-evasion'", p.Message, StringComparison.Ordinal);
        Assert.Contains("'administrative'", p.Message, StringComparison.Ordinal);

        // Without the profile, relates-to need only be drawn from the list's records.
        Accepted(mixed.With("profile: eu-ai-act", "profile: prc-credit-repair"));
        // Relating to every context the records came from passes.
        Accepted(mixed.With("relates-to: { areas: [judicial], matters: [court-judgments] }", "relates-to: { areas: [judicial, administrative], matters: [court-judgments, tax] }"));
    }

    [Fact]
    public void Eu_refuses_a_restriction_a_minor_record_can_trigger()
    {
        var yaml = EuAiAct
            .With("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter, fare-evasion] }")
            .With("relates-to: { areas: [judicial], matters: [court-judgments] }", "relates-to: { areas: [judicial, administrative], matters: [court-judgments] }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.EuDisproportionate));
        Assert.Equal("measures[0].when.list", p.Path);
        Assert.Contains("'fare-evasion'", p.Message, StringComparison.Ordinal);
        Accepted(yaml.With("profile: eu-ai-act", "profile: prc-credit-repair"));
    }

    [Fact]
    public void Eu_accepts_the_base_policy() => Accepted(EuAiAct);
}
