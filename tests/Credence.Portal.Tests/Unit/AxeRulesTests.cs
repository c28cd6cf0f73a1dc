using Credence.Portal.Tests.Browser;

namespace Credence.Portal.Tests.Unit;

/// <summary>The rules a page check leaves out are exactly the bundled axe's minor and moderate ones.</summary>
public class AxeRulesTests
{
    [Fact]
    public void The_rules_left_out_are_exactly_those_the_bundled_axe_marks_minor_or_moderate()
    {
        var impacts = AxeRules.BundledImpacts();

        // The reading of the script found the rules (axe 4.14 has 105), each with a known impact or none.
        Assert.True(impacts.Count > 90, $"only {impacts.Count} rules read from the bundled axe");
        Assert.All(impacts.Values, impact => Assert.Contains(impact, new[] { "", "minor", "moderate", "serious", "critical" }));
        Assert.Contains("color-contrast", impacts.Keys);

        var atMostModerate = impacts.Where(r => r.Value is "minor" or "moderate").Select(r => r.Key).Order(StringComparer.Ordinal);
        Assert.Equal(atMostModerate, AxeRules.AtMostModerate.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rule_without_an_impact_of_its_own_and_every_serious_or_critical_rule_still_runs()
    {
        var options = AxeRules.SeriousOrCritical();
        foreach (var (rule, impact) in AxeRules.BundledImpacts())
        {
            var runs = !options.Rules.TryGetValue(rule, out var set) || set.Enabled != false;
            Assert.True(runs == impact is "" or "serious" or "critical", $"{rule} ({(impact.Length == 0 ? "no impact of its own" : impact)}) {(runs ? "runs" : "is left out")}");
        }
    }
}
