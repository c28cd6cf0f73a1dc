using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// A listing ends, and a repair opens, only on the subject's own fulfilment of the obligation,
/// never on a favour (a pardon, an exemption, a special approval by an office).
/// </summary>
public class FulfilmentTests
{
    private static string Exit(string name, string? description = null, string matter = "court-judgments", bool fulfils = true, int points = 0) =>
        Base.AddRecordType($$"""
              - id: listing-lifted
                name: "{{name}}"
                {{(description is null ? string.Empty : $"description: \"{description}\"")}}
                area: judicial
                matter: {{matter}}
                points: {{points}}
                lasts: 1y
                severity: general
                {{(fulfils ? "fulfils-obligation: true" : string.Empty)}}
            """).With("fulfilled-by: [judgment-performed], term", "fulfilled-by: [judgment-performed, listing-lifted], term");

    [Fact]
    public void An_exit_type_not_marked_as_fulfilment_is_refused_where_the_exit_names_it()
    {
        var yaml = Exit("Listing lifted", fulfils: false);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.ExitNeedsOwnFulfilment));
        Assert.Equal("lists[0].exit.fulfilled-by[1]", p.Path);
        AssertAt(p, yaml, "listing-lifted], term");
        Assert.Contains("subject's own fulfilment of the obligation", p.Message, StringComparison.Ordinal);
        Assert.Contains("never a favour", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Presidential pardon")]
    [InlineData("PARDONED by the governor")]
    [InlineData("Amnesty")]
    [InlineData("General amnesties")]
    [InlineData("Special approval")]
    [InlineData("Specially approved removal")]
    [InlineData("Listing removed by the mayor")]
    [InlineData("Leader's approval")]
    [InlineData("Exemption granted by the bureau")]
    [InlineData("Obligation waived")]
    [InlineData("Penalty waiver")]
    [InlineData("Debt written off")]
    [InlineData("Debt write-off")]
    [InlineData("Leniency")]
    [InlineData("Clemency")]
    [InlineData("Debt forgiven")]
    [InlineData("Remission of the fine")]
    [InlineData("Discretionary removal")]
    [InlineData("ｐａｒｄｏｎ")]
    [InlineData("Par\u200Bdon")]
    [InlineData("Аmnesty")]
    [InlineData("特赦")]
    [InlineData("豁免")]
    [InlineData("特批移出")]
    [InlineData("免除执行")]
    [InlineData("减免罚款")]
    [InlineData("宽大处理")]
    [InlineData("寬大處理")]
    [InlineData("领导批准移出")]
    [InlineData("核销债务")]
    [InlineData("特 赦")]
    public void An_exit_type_worded_as_a_favour_is_refused_even_when_marked(string name)
    {
        var p = Assert.Single(RefusedOnly(Exit(name), PolicyRules.ExitNeedsOwnFulfilment));
        Assert.Equal("record-types[5].name", p.Path);
        Assert.Contains("names a favour", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_favour_in_the_id_or_description_is_refused_too()
    {
        Assert.Equal("record-types[5].description", Assert.Single(RefusedOnly(Exit("Listing lifted", "Lifted by special approval of the court president."), PolicyRules.ExitNeedsOwnFulfilment)).Path);
        var id = Exit("Listing lifted").Replace("listing-lifted", "amnesty-granted", StringComparison.Ordinal);
        Assert.Equal("record-types[5].id", Assert.Single(RefusedOnly(id, PolicyRules.ExitNeedsOwnFulfilment)).Path);
    }

    [Fact]
    public void A_reward_or_a_record_about_another_matter_cannot_end_a_listing()
    {
        var reward = Exit("Volunteering", matter: "volunteering", points: 5);
        var p = Assert.Single(RefusedOnly(reward, PolicyRules.ExitNeedsOwnFulfilment));
        Assert.Contains("reward matter 'volunteering'", p.Message, StringComparison.Ordinal);
        var unrelated = Exit("Utility arrears paid", matter: "utilities");
        Assert.Contains("cannot show that obligation fulfilled", Assert.Single(RefusedOnly(unrelated, PolicyRules.ExitNeedsOwnFulfilment)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repairs_open_only_on_fulfilment_too()
    {
        var unmarked = Base.AddRecordType("""
              - id: court-approval
                name: Court approval
                area: judicial
                matter: court-judgments
                lasts: 1y
                severity: general
            """).With("fulfilled-by: [judgment-performed] }", "fulfilled-by: [court-approval] }");
        Assert.Equal("repair.qualifying[0].fulfilled-by[0]", Assert.Single(RefusedOnly(unmarked, PolicyRules.ExitNeedsOwnFulfilment)).Path);
        var pardon = Base.With("name: Judgment performed", "name: Judgment pardoned");
        Assert.Equal("record-types[1].name", Assert.Single(RefusedOnly(pardon, PolicyRules.ExitNeedsOwnFulfilment)).Path);
    }

    [Fact]
    public void A_fulfilment_cannot_be_adverse()
    {
        var yaml = Base.With("    severity: general\n  - id: fare-evasion", "    severity: general\n    fulfils-obligation: true\n  - id: fare-evasion");
        Assert.Equal("record-types[2].fulfils-obligation", Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue)).Path);
    }

    [Theory]
    [InlineData("Judgment performed", null)]
    [InlineData("Debt repaid in full", "The subject repaid the debt and the court confirmed it.")]
    [InlineData("Fine paid", null)]
    [InlineData("Rectification accepted by the regulator", "The regulator confirms the violation has been put right.")]
    [InlineData("Settlement performed", null)]
    [InlineData("履行完毕", "被执行人已履行生效法律文书确定的义务")]
    [InlineData("已缴清欠款", null)]
    [InlineData("Approved repayment plan completed", null)]
    public void The_subjects_own_fulfilment_passes(string name, string? description) =>
        Accepted(Exit(name, description));
}
