using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>Promises 1 and 3: only the subject's own records count; no exemptions; no subject named.</summary>
public class SameRulesForEveryoneTests
{
    private const string ResidentId = "11010519491231002X";
    private const string CreditCode = "91350100M000100Y43";

    [Theory]
    [InlineData("exempt")]
    [InlineData("exemptions")]
    [InlineData("override")]
    [InlineData("whitelist-subjects")]
    [InlineData("allow-subjects")]
    [InlineData("except")]
    [InlineData("vip")]
    public void Exemption_keys_are_refused_anywhere(string key)
    {
        foreach (var yaml in new[]
        {
            Base.With("title: Test policy\n", $"title: Test policy\n{key}: [someone]\n"),
            Base.With("    kind: blacklist\n", $"    kind: blacklist\n    {key}: true\n"),
            Base.With("    effect: restrict\n", $"    effect: restrict\n    {key}: [air-china]\n"),
        })
        {
            var p = Assert.Single(RefusedOnly(yaml, PolicyRules.NoExemptions));
            AssertAt(p, yaml, key + ":");
            Assert.Contains("no policy may exempt", p.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("name: Court defaulters", "name: Court defaulters except VIPs", "lists[0].name")]
    [InlineData("id: good-standing", "id: exemption-list", "lists[1].id")]
    [InlineData("name: Good standing", "name: 豁免名单", "lists[1].name")]
    [InlineData("name: No G-train tickets", "name: No G-train tickets (特权人员除外)", "measures[0].name")]
    [InlineData("name: Deposit-free rental", "name: 免于押金检查", "measures[1].name")]
    [InlineData("capability: rail.g-train.ticket", "capability: exempt.security-checks", "measures[0].capability")]
    [InlineData("name: Deposit-free rental", "name: Deposit-free rental\n    description: Privileged access for officials.", "measures[1].description")]
    public void Exemption_words_in_lists_and_measures_are_refused(string old, string replacement, string path) =>
        Assert.Equal(path, Assert.Single(RefusedOnly(Base.With(old, replacement), PolicyRules.NoExemptions)).Path);

    [Theory]
    [InlineData("relatives")]
    [InlineData("family")]
    [InlineData("household")]
    [InlineData("spouse")]
    [InlineData("employer")]
    [InlineData("employees")]
    [InlineData("associates")]
    [InlineData("guarantor")]
    [InlineData("linked-subjects")]
    [InlineData("other-subjects")]
    public void Keys_reaching_for_other_subjects_are_refused(string key)
    {
        foreach (var yaml in new[]
        {
            Base.With("    entry: { active-record-of: [judgment-defaulter] }\n", $"    entry: {{ active-record-of: [judgment-defaulter], {key}: true }}\n"),
            Base.With("    severity: serious\n", $"    severity: serious\n    {key}: [judgment-defaulter]\n"),
            Base.With("    when: { list: court-defaulters }\n", $"    when: {{ list: court-defaulters, {key}: court-defaulters }}\n"),
        })
        {
            var p = Assert.Single(RefusedOnly(yaml, PolicyRules.OwnRecordsOnly));
            AssertAt(p, yaml, key + ":");
            Assert.Contains("own records", p.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("name: Court judgment defaulter", "name: Guarantor of a court judgment defaulter", "record-types[0].name")]
    [InlineData("name: Court judgment defaulter", "name: 法定代表人失信", "record-types[0].name")]
    [InlineData("name: Late utility fees", "name: Late utility fees\n    description: Counts the employer's arrears against each employee.", "record-types[2].description")]
    [InlineData("name: Court defaulters", "name: Related companies of court defaulters", "lists[0].name")]
    [InlineData("name: No G-train tickets", "name: No G-train tickets for household members", "measures[0].name")]
    public void Terms_reaching_for_other_subjects_are_refused(string old, string replacement, string path) =>
        Assert.Equal(path, Assert.Single(RefusedOnly(Base.With(old, replacement), PolicyRules.OwnRecordsOnly)).Path);

    [Fact]
    public void Legitimate_third_party_wording_passes() =>
        Accepted(Base.With("name: Fare evasion", "name: Driving without third-party liability insurance").With("matter: public-transport-fares", "matter: traffic-safety"));

    [Theory]
    [InlineData(ResidentId)]
    [InlineData("110105194912310021")]
    [InlineData("11010519491231002x")]
    [InlineData(CreditCode)]
    public void An_identifier_anywhere_is_refused(string identifier)
    {
        foreach (var (yaml, path) in new[]
        {
            (Base.With("name: Late utility fees", $"name: Late utility fees\n    description: Applies to {identifier} only."), "record-types[2].description"),
            (Base.With("name: Good standing", $"name: Good standing ({identifier})"), "lists[1].name"),
            (Base.With("title: Test policy", $"title: \"Test policy: {identifier}\""), "title"),
        })
        {
            var p = Assert.Single(RefusedOnly(yaml, PolicyRules.NoSubjectByIdentity));
            Assert.Equal(path, p.Path);
            AssertAt(p, yaml, path == "title" ? "\"Test policy" : (path.EndsWith("name", StringComparison.Ordinal) ? "Good standing (" : "Applies to"));
            Assert.DoesNotContain(identifier, p.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void An_identifier_under_an_unknown_key_or_as_a_reference_is_refused_too()
    {
        var exempt = Base.With("title: Test policy\n", $"title: Test policy\nexempt: [{ResidentId}]\n");
        var rules = Load(exempt).Problems.Select(p => p.Rule).ToHashSet();
        Assert.Equal([PolicyRules.NoExemptions, PolicyRules.NoSubjectByIdentity], rules.Order());

        var reference = Base.With("when: { list: court-defaulters }", $"when: {{ list: {CreditCode} }}");
        Assert.Single(Refused(reference, PolicyRules.NoSubjectByIdentity));
        Assert.Single(Refused(reference, PolicyRules.UnknownReference));

        var key = Base.With("title: Test policy\n", $"title: Test policy\n{ResidentId}: blocked\n");
        Assert.Single(Refused(key, PolicyRules.NoSubjectByIdentity));
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("subject-id")]
    [InlineData("identity")]
    [InlineData("uscc")]
    public void Keys_naming_a_subject_are_refused(string key)
    {
        var yaml = Base.With("    kind: blacklist\n", $"    kind: blacklist\n    {key}: someone\n");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.NoSubjectByIdentity)), yaml, key + ":");
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100212")]
    [InlineData("responsibilitiesxx")]
    [InlineData("rail.g-train.ticket")]
    [InlineData("AAAAAAAAAAAAAAAAA1")]
    [InlineData("9135O100M000100Y43")]
    public void Text_that_only_resembles_an_identifier_passes(string text) => Assert.Null(IdentifierShape.Find(text));

    [Theory]
    [InlineData("身份证11010519491231002X", IdentifierShape.ResidentId)]
    [InlineData("code 91350100M000100Y43.", IdentifierShape.CreditCode)]
    public void Identifiers_are_found_inside_text(string text, string shape) => Assert.Equal(shape, IdentifierShape.Find(text));
}
