using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// Promise 4: no measure names or targets minors, pupils, schooling or the children of listed
/// persons, in any wording or capability, whatever the policy's minimum-age.
/// </summary>
public class MinorsTests
{
    private static string Restriction(string id = "restrict-more", string name = "No hotels", string capability = "hotel.booking", string? description = null) =>
        Base.AddMeasure($$"""
              - id: {{id}}
                name: "{{name}}"
                {{(description is null ? string.Empty : $"description: \"{description}\"")}}
                effect: restrict
                capability: {{capability}}
                when: { list: court-defaulters }
                relates-to: { areas: [judicial], matters: [court-judgments] }
            """);

    [Theory]
    [InlineData("No school admission for children of defaulters")]
    [InlineData("失信被执行人子女不得就读私立学校")]
    [InlineData("Children of listed persons may not travel")]
    [InlineData("No flights for minors")]
    [InlineData("No travel for MINORS")]
    [InlineData("Juvenile travel ban")]
    [InlineData("No tickets for teenagers")]
    [InlineData("Teens may not fly")]
    [InlineData("No rail tickets for kids")]
    [InlineData("Pupils' rail passes")]
    [InlineData("Students may not board")]
    [InlineData("No travel under 18")]
    [InlineData("No travel for persons under the age of 18")]
    [InlineData("Underage travel ban")]
    [InlineData("Under-age travel ban")]
    [InlineData("No travel for offspring of defaulters")]
    [InlineData("Sons and daughters of defaulters")]
    [InlineData("No kindergarten places")]
    [InlineData("Private schooling")]
    [InlineData("High-fee private school tuition")]
    [InlineData("未成年人不得乘坐高铁")]
    [InlineData("儿童乘车限制")]
    [InlineData("学生乘车限制")]
    [InlineData("中小学生乘车限制")]
    [InlineData("青少年出行限制")]
    [InlineData("不得入学")]
    [InlineData("幼儿园入园限制")]
    [InlineData("兒童乘車限制")]
    [InlineData("學生乘車限制")]
    [InlineData("未 成 年 人")]
    [InlineData("ｃｈｉｌｄｒｅｎ")]
    [InlineData("ＭＩＮＯＲＳ")]
    [InlineData("chіldren")]
    [InlineData("chil\u200Bdren")]
    [InlineData("childTravelBan")]
    [InlineData("Weichengnianren chuxing")]
    [InlineData("xuesheng chengche")]
    public void Measures_naming_minors_or_children_are_refused(string name)
    {
        var p = Assert.Single(Refused(Restriction(name: name), PolicyRules.NoMinors));
        Assert.Equal("measures[2].name", p.Path);
        AssertAt(p, Restriction(name: name), $"\"{name}\"");
        Assert.Contains("whatever the policy's minimum-age", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("education.school-admission", "capability")]
    [InlineData("minors.travel", "capability")]
    [InlineData("juvenile.rail-ticket", "capability")]
    [InlineData("student.bus-pass", "capability")]
    [InlineData("kids.ferry", "capability")]
    public void Capabilities_naming_minors_are_refused(string capability, string field) =>
        Assert.Contains(Refused(Restriction(capability: capability), PolicyRules.NoMinors), p => p.Path == $"measures[2].{field}");

    [Fact]
    public void Ids_descriptions_grants_and_declarations_are_checked()
    {
        Assert.Contains(Refused(Restriction(id: "restrict-children-travel"), PolicyRules.NoMinors), p => p.Path == "measures[2].id");
        Assert.Contains(Refused(Restriction(description: "Applies to the listed person's children."), PolicyRules.NoMinors), p => p.Path == "measures[2].description");
        Assert.Contains(Refused(Base.With("name: Deposit-free rental", "name: Deposit-free rental for pupils"), PolicyRules.NoMinors), p => p.Path == "measures[1].name");
        Assert.Contains(Refused(Base.With("  - { id: deposit-free-rental, kind: benefit }", "  - { id: deposit-free-rental, kind: benefit, name: Rental for children }"), PolicyRules.NoMinors), p => p.Path == "capabilities[1].name");
    }

    [Theory]
    [InlineData("18")]
    [InlineData("21")]
    [InlineData("60")]
    public void Whatever_the_minimum_age(string age)
    {
        var yaml = Restriction(name: "No flights for minors").With("minimum-age: 18", $"minimum-age: {age}");
        Assert.Single(Refused(yaml, PolicyRules.NoMinors));
    }

    [Theory]
    [InlineData("applies-to-minors")]
    [InlineData("students")]
    [InlineData("juveniles")]
    public void Keys_reaching_for_minors_are_refused(string key)
    {
        var yaml = Base.With("    when: { list: court-defaulters }\n", $"    when: {{ list: court-defaulters, {key}: true }}\n");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.NoMinors));
        AssertAt(p, yaml, key + ":");
    }

    [Theory]
    [InlineData("No flights", "For minor offences the court may lift it.")]
    [InlineData("No flights for child support defaulters", null)]
    [InlineData("No driving school enrolment", null)]
    [InlineData("No business school tuition", null)]
    [InlineData("No star-rated hotels", "Applies to the listed person alone, never to a family member.")]
    [InlineData("No golf", "Schedules do not matter.")]
    public void Adult_wording_passes(string name, string? description)
    {
        var yaml = Restriction(name: name, description: description);
        if (description?.Contains("family", StringComparison.Ordinal) == true)
        {
            // "family" is still a relationship: the control is that no minors rule fires.
            Assert.DoesNotContain(Load(yaml).Problems, p => p.Rule == PolicyRules.NoMinors);
            return;
        }

        Accepted(yaml);
    }
}
