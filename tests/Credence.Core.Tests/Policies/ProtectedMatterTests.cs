using Credence.Core.Policies;
using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

public class ProtectedMatterTests
{
    private static string TypeNamed(string id, string name, string? description = null, string matter = "debt-repayment") =>
        Base.AddRecordType($"""
              - id: {id}
                name: {name}
                description: {description ?? "A record."}
                area: commercial
                matter: {matter}
                points: -10
                lasts: 1y
                severity: general
            """);

    [Theory]
    [InlineData("religion", ProtectedMatters.Religion)]
    [InlineData("political-opinion", ProtectedMatters.PoliticalOpinion)]
    [InlineData("speech", ProtectedMatters.PoliticalOpinion)]
    [InlineData("petitioning", ProtectedMatters.Petitioning)]
    [InlineData("ethnicity", ProtectedMatters.Ethnicity)]
    [InlineData("national-origin", ProtectedMatters.Ethnicity)]
    [InlineData("health", ProtectedMatters.Health)]
    [InlineData("sexual-life", ProtectedMatters.SexualLife)]
    [InlineData("trade-union-membership", ProtectedMatters.TradeUnion)]
    [InlineData("biometrics", ProtectedMatters.Tracking)]
    [InlineData("location-tracking", ProtectedMatters.Tracking)]
    [InlineData("family-relationships", ProtectedMatters.Relationships)]
    [InlineData("social-relationships", ProtectedMatters.Relationships)]
    [InlineData("family-planning", ProtectedMatters.Relationships)]
    public void Protected_matter_names_are_refused_with_the_reason(string matter, string category)
    {
        var yaml = TypeNamed("some-record", "Some record", matter: matter);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.ProtectedMatter));
        Assert.Equal((At(yaml, $"matter: {matter}\n").Line, 13), (p.Line, p.Column));
        Assert.Equal("record-types[5].matter", p.Path);
        Assert.Contains($"'{matter}' ({category})", p.Message, StringComparison.Ordinal);
        Assert.Contains($"may not score, list or restrict on {category}", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matter_off_the_allow_list_is_unknown()
    {
        var yaml = TypeNamed("gambling-debt", "Gambling debt", matter: "gambling");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.UnknownMatter));
        AssertAt(p, yaml, "gambling\n");
        Assert.Contains("debt-repayment", p.Message, StringComparison.Ordinal);
        Assert.Contains("code change", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Protected_matter_in_a_measure_is_refused()
    {
        var yaml = Base.With("matters: [court-judgments] }", "matters: [court-judgments, religion] }");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.ProtectedMatter)), yaml, "religion");
        var unknown = Base.With("matters: [court-judgments] }", "matters: [court-judgments, lottery] }");
        Assert.Single(RefusedOnly(unknown, PolicyRules.UnknownMatter));
    }

    [Fact]
    public void Church_attendance_is_refused_with_the_documented_message()
    {
        var yaml = TypeNamed("church-attendance", "Attendance");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.ProtectedMatter));
        Assert.Equal("record-types[5].id", p.Path);
        AssertAt(p, yaml, "church-attendance");
        Assert.Equal(
            "record type 'church-attendance' uses the term 'church' in its id (religion or belief); a policy may not score, list or restrict on religion or belief",
            p.Message);
    }

    [Theory]
    [InlineData("mosque-visits", "Visits", null, "id")]
    [InlineData("late-payment", "Attends religious services", null, "name")]
    [InlineData("late-payment", "Posting", "Posts political speech online.", "description")]
    [InlineData("late-payment", "Late payment", "Complaints to the authorities about officials.", "description")]
    [InlineData("late-payment", "Petitioning", null, "name")]
    [InlineData("ethnic-minority-status", "Status", null, "id")]
    [InlineData("late-payment", "Late payment", "Weighted by the subject's nationality.", "description")]
    [InlineData("late-payment", "Late payment by HIV patients", null, "name")]
    [InlineData("pregnancy-leave", "Leave", null, "id")]
    [InlineData("late-payment", "Late payment", "Only for persons with a medical condition.", "description")]
    [InlineData("late-payment", "Same-sex cohabitation", null, "name")]
    [InlineData("union-membership", "Membership", null, "id")]
    [InlineData("late-payment", "Trade union organiser", null, "name")]
    [InlineData("late-payment", "Late payment", "Confirmed by facial recognition at the station.", "description")]
    [InlineData("late-payment", "Late payment", "Detected from GPS data.", "description")]
    [InlineData("relatives-of-defaulters", "Listing", null, "id")]
    [InlineData("late-payment", "Friends of defaulters", null, "name")]
    public void English_protected_terms_are_refused_in_ids_names_and_descriptions(string id, string name, string? description, string field)
    {
        // Relatives are also another subject (own-records-only); the protected matter is reported once.
        var p = Assert.Single(Refused(TypeNamed(id, name, description), PolicyRules.ProtectedMatter));
        Assert.Equal($"record-types[5].{field}", p.Path);
    }

    [Theory]
    [InlineData("宗教活动", ProtectedMatters.Religion)]
    [InlineData("民族成分", ProtectedMatters.Ethnicity)]
    [InlineData("政治表现", ProtectedMatters.PoliticalOpinion)]
    [InlineData("网络言论", ProtectedMatters.PoliticalOpinion)]
    [InlineData("非正常上访", ProtectedMatters.Petitioning)]
    [InlineData("越级信访", ProtectedMatters.Petitioning)]
    [InlineData("亲属失信", ProtectedMatters.Relationships)]
    [InlineData("违反计划生育", ProtectedMatters.Relationships)]
    [InlineData("健康状况", ProtectedMatters.Health)]
    [InlineData("加入工会", ProtectedMatters.TradeUnion)]
    [InlineData("人脸识别抓拍", ProtectedMatters.Tracking)]
    [InlineData("手机定位", ProtectedMatters.Tracking)]
    [InlineData("社会关系", ProtectedMatters.Relationships)]
    [InlineData("性取向", ProtectedMatters.SexualLife)]
    public void Chinese_protected_terms_are_refused(string name, string category)
    {
        var p = Assert.Single(Refused(TypeNamed("late-payment", name), PolicyRules.ProtectedMatter));
        Assert.Contains($"({category})", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_measures_capabilities_units_and_the_title_are_checked_too()
    {
        Assert.Equal("lists[1].name", Assert.Single(RefusedOnly(Base.With("name: Good standing", "name: Believers in good standing"), PolicyRules.ProtectedMatter)).Path);
        Assert.Equal("measures[1].description", Assert.Single(RefusedOnly(Base.With("name: Deposit-free rental", "name: Deposit-free rental\n    description: For members of the ruling political party."), PolicyRules.ProtectedMatter)).Path);
        Assert.Equal("measures[0].capability", Assert.Single(RefusedOnly(Base.With("capability: rail.g-train.ticket", "capability: temple.entry"), PolicyRules.ProtectedMatter)).Path);
        Assert.Equal("title", Assert.Single(RefusedOnly(Base.With("title: Test policy", "title: 民族团结积分"), PolicyRules.ProtectedMatter)).Path);
        var unit = Base.With("    points: 5\n", "    points: 0\n    per-unit: { points: 1, per: 1, unit: prayers }\n");
        Assert.Equal("record-types[4].per-unit.unit", Assert.Single(RefusedOnly(unit, PolicyRules.ProtectedMatter)).Path);
    }

    [Theory]
    [InlineData("workplace-safety-violation", "Workplace health and safety violation", "Breach of workplace health and safety rules found by the labour inspectorate.", "workplace-safety")]
    [InlineData("occupational-safety", "Occupational health and safety breach", null, "workplace-safety")]
    [InlineData("safety-violation", "Health and safety violation", null, "workplace-safety")]
    [InlineData("contract-breach", "Breach of a contractual relationship", "The subject broke a contractual relationship with a supplier.", "contract-performance")]
    [InlineData("lease-breach", "Lease relationship ended by default", null, "loan-and-lease-contracts")]
    [InlineData("bad-faith-performance", "Performance in bad faith", "Failed to perform a contract in good faith.", "contract-performance")]
    [InlineData("audit-qualified", "Qualified audit opinion", null, "licensing")]
    [InlineData("device-quality", "Medical device quality violation", null, "product-quality")]
    [InlineData("insurance-fraud", "Medical insurance fraud", null, "fraud")]
    [InlineData("food-safety-violation", "Food safety violation", null, "food-safety")]
    [InlineData("credit-union-default", "Credit union loan default", null, "loan-and-lease-contracts")]
    [InlineData("trace-evasion", "Untraceable cash payments to evade tax", null, "tax")]
    [InlineData("bankruptcy-filing", "Petition for bankruptcy", null, "debt-repayment")]
    [InlineData("safety-production", "安全生产违法", "职业健康安全检查不合格", "workplace-safety")]
    [InlineData("faithful-reporting", "Unfaithful financial reporting", null, "fraud")]
    public void Legitimate_names_pass(string id, string name, string? description, string matter) =>
        Accepted(TypeNamed(id, name, description, matter));

    [Theory]
    [InlineData("Workplace health and safety violation")]
    [InlineData("Breach of a contractual relationship")]
    [InlineData("good faith")]
    [InlineData("European Union procurement rules")]
    [InlineData("Traceability of food")]
    public void False_positives_find_no_term(string text) => Assert.Null(ProtectedMatters.Find(text));

    [Theory]
    [InlineData("Health")]
    [InlineData("public health order violation")]
    [InlineData("health and wellbeing")]
    [InlineData("social relationships")]
    [InlineData("Relationship with a defaulter")]
    [InlineData("Church")]
    public void Allowed_phrases_do_not_shield_the_bare_term(string text) => Assert.NotNull(ProtectedMatters.Find(text));

    [Fact]
    public void Every_category_is_a_matter_no_policy_can_name()
    {
        Assert.Equal(9, ProtectedMatters.All.Count);
        foreach (var category in ProtectedMatters.All)
        {
            Assert.Equal(category, ProtectedMatters.Find(category.Replace(" or ", " ", StringComparison.Ordinal))?.Category);
            Assert.False(Matters.TryParse(category, out _));
        }
    }
}
