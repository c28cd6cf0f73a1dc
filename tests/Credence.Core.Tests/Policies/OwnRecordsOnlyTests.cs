using Credence.Core.Identifiers;
using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// Promise 1 by wording: record types, lists and measures named for someone else's conduct are
/// refused, in English and Chinese, in every inflection, case, separator and encoding, per subject kind.
/// </summary>
public class OwnRecordsOnlyTests
{
    /// <summary><see cref="PolicyYaml.Base"/> for organisations (no minimum age).</summary>
    private static readonly string Organisations = Base.With("subjects: persons", "subjects: organisations").With("minimum-age: 18\n", string.Empty);

    private static string TypeNamed(string policy, string id, string name, string description = "A record.") =>
        policy.AddRecordType($"""
              - id: {id}
                name: "{name}"
                description: "{description}"
                area: administrative
                matter: tax
                points: -10
                lasts: 1y
                severity: general
            """);

    // The named relations, then inflections, plurals and possessives.
    [Theory]
    [InlineData("Parent default")]
    [InlineData("Parents' unpaid fines")]
    [InlineData("Parental debt")]
    [InlineData("Mother's loan default")]
    [InlineData("Father evaded tax")]
    [InlineData("Son's fare evasion")]
    [InlineData("Daughters' arrears")]
    [InlineData("Child's unpaid fees")]
    [InlineData("Children's fines")]
    [InlineData("Kids' damage")]
    [InlineData("Spouse arrears")]
    [InlineData("Spouses' debts")]
    [InlineData("Husband tax evasion")]
    [InlineData("Wife's default")]
    [InlineData("Sibling default")]
    [InlineData("Brother's loan default")]
    [InlineData("Sisters' fines")]
    [InlineData("Grandparents' arrears")]
    [InlineData("Relative's default")]
    [InlineData("Household member arrears")]
    [InlineData("Family debt")]
    [InlineData("Employer evaded tax")]
    [InlineData("Employer's tax evasion")]
    [InlineData("employerTaxEvasion")]
    [InlineData("EmployerTaxEvasion")]
    [InlineData("Employees' fines")]
    [InlineData("Director's fraud")]
    [InlineData("Shareholder default")]
    [InlineData("Legal representative's arrears")]
    [InlineData("Parent company tax evasion")]
    [InlineData("Affiliated company default")]
    [InlineData("Subsidiaries' arrears")]
    [InlineData("Landlord's violation")]
    [InlineData("Tenant damage")]
    [InlineData("Guarantor default")]
    [InlineData("Co-signer default")]
    [InlineData("Business partner fraud")]
    [InlineData("Colleague's fraud")]
    [InlineData("Fraud by his company")]
    public void English_relations_are_refused_for_persons(string name) =>
        AssertOwnRecordsOnly(TypeNamed(Base, "some-record", name), "record-types[5].name");

    [Theory]
    [InlineData("父母失信")]
    [InlineData("父亲欠税")]
    [InlineData("母亲违约")]
    [InlineData("子女欠费")]
    [InlineData("儿子逃票")]
    [InlineData("女儿欠款")]
    [InlineData("配偶欠款")]
    [InlineData("丈夫逃税")]
    [InlineData("妻子违约")]
    [InlineData("兄弟姐妹失信")]
    [InlineData("亲属失信")]
    [InlineData("亲戚欠款")]
    [InlineData("家庭成员失信")]
    [InlineData("家属违法")]
    [InlineData("法定代表人失信")]
    [InlineData("股东违约")]
    [InlineData("董事欺诈")]
    [InlineData("母公司逃税")]
    [InlineData("子公司欠税")]
    [InlineData("关联企业失信")]
    [InlineData("雇主逃税")]
    [InlineData("房东违约")]
    [InlineData("担保人违约")]
    [InlineData("实际控制人失信")]
    public void Chinese_relations_are_refused(string name)
    {
        AssertOwnRecordsOnly(TypeNamed(Base, "some-record", name), "record-types[5].name");
        if (name is not ("雇主逃税"))
        {
            AssertOwnRecordsOnly(TypeNamed(Organisations, "some-record", name), "record-types[5].name");
        }
    }

    // Other encodings and spellings of the same words.
    [Theory]
    [InlineData("PARENT DEFAULT")]
    [InlineData("ｐａｒｅｎｔ default")]
    [InlineData("ＰＡＲＥＮＴ ＤＥＦＡＵＬＴ")]
    [InlineData("pa\u200Brent default")]
    [InlineData("pa\u00ADrent default")]
    [InlineData("pa\u0301rent default")]
    [InlineData("pärent default")]
    [InlineData("раrent default")]
    [InlineData("𝐩𝐚𝐫𝐞𝐧𝐭 default")]
    [InlineData("ⓟⓐⓡⓔⓝⓣ default")]
    [InlineData("parent_default")]
    [InlineData("parent.default")]
    [InlineData("parent/default")]
    [InlineData("spouseArrears")]
    [InlineData("Employer’s arrears")]
    [InlineData("親屬失信")]
    [InlineData("父親欠稅")]
    [InlineData("股東違約")]
    [InlineData("關聯企業失信")]
    [InlineData("子 女欠费")]
    [InlineData("子·女欠费")]
    [InlineData("子\u200B女欠费")]
    [InlineData("法定代表人\u3000失信")]
    [InlineData("Fumu shixin")]
    [InlineData("zinü qianfei")]
    [InlineData("peiou-qiankuan")]
    [InlineData("fading daibiaoren shixin")]
    public void Other_encodings_are_refused(string name) =>
        AssertOwnRecordsOnly(TypeNamed(Base, "some-record", name), "record-types[5].name");

    [Theory]
    [InlineData("parent-default")]
    [InlineData("spouse-arrears")]
    [InlineData("employer-tax-evasion")]
    [InlineData("children-fines")]
    [InlineData("guarantor-default")]
    public void Ids_are_refused(string id) =>
        AssertOwnRecordsOnly(TypeNamed(Base, id, "Some record"), "record-types[5].id");

    [Theory]
    [InlineData("spouse_arrears")]
    [InlineData("employerTaxEvasion")]
    public void Ids_in_other_cases_are_refused_for_the_relation_as_well_as_their_spelling(string id)
    {
        var result = Load(TypeNamed(Base, id, "Some record"));
        Assert.Contains(result.Problems, p => p.Rule == PolicyRules.OwnRecordsOnly && p.Path == "record-types[5].id");
        Assert.Contains(result.Problems, p => p.Rule == PolicyRules.BadValue && p.Path == "record-types[5].id");
    }

    [Fact]
    public void Descriptions_lists_and_measures_are_checked()
    {
        AssertOwnRecordsOnly(TypeNamed(Base, "tax-evasion", "Tax evasion", "Counts when the subject's father evades tax."), "record-types[5].description");
        AssertOwnRecordsOnly(Base.With("name: Court defaulters", "name: Children of court defaulters"), "lists[0].name");
        AssertOwnRecordsOnly(Base.With("name: No G-train tickets", "name: No G-train tickets for spouses of defaulters"), "measures[0].name");
        AssertOwnRecordsOnly(Base.With("id: good-standing", "id: parent-good-standing").With("grade-at-least: A }\n  # +lists", "grade-at-least: A }\n  # +lists"), "lists[1].id");
    }

    // Per subject kind: an organisation is the employer; a person's employer is someone else.
    [Theory]
    [InlineData("Wage arrears owed to employees")]
    [InlineData("Unpaid employee wages")]
    [InlineData("Employees' social insurance contributions unpaid")]
    [InlineData("Failure to pay staff overtime")]
    [InlineData("Wages withheld from workers")]
    [InlineData("Failure to hold a board of directors meeting")]
    [InlineData("Shareholders' meeting not held")]
    [InlineData("Rent owed to the landlord")]
    [InlineData("Deposits not returned to tenants")]
    [InlineData("未召开董事会")]
    [InlineData("未按期召开股东大会")]
    [InlineData("Employer social insurance contributions unpaid")]
    public void An_organisations_own_conduct_towards_employees_passes(string name) =>
        Accepted(TypeNamed(Organisations, "own-conduct", name));

    [Theory]
    [InlineData("Employee fraud")]
    [InlineData("Employees' tax evasion")]
    [InlineData("Staff misconduct")]
    [InlineData("Director's violations")]
    [InlineData("Shareholder default")]
    [InlineData("Parent company tax evasion")]
    [InlineData("Subsidiary arrears")]
    [InlineData("Holding company default")]
    [InlineData("Legal representative's default")]
    [InlineData("员工失信")]
    [InlineData("股东失信")]
    public void Someone_elses_conduct_is_refused_for_organisations(string name) =>
        AssertOwnRecordsOnly(TypeNamed(Organisations, "other-conduct", name), "record-types[5].name");

    [Theory]
    [InlineData("Unpaid employee wages")]
    [InlineData("Employer social insurance contributions unpaid")]
    [InlineData("员工欠薪")]
    [InlineData("所在单位失信")]
    public void For_persons_an_employer_or_employees_are_someone_else(string name) =>
        AssertOwnRecordsOnly(TypeNamed(Base, "other-conduct", name), "record-types[5].name");

    // A person's own duties and claims that merely mention a child or a parent's leave.
    [Theory]
    [InlineData("Child-care subsidy fraud")]
    [InlineData("Childcare subsidy fraud")]
    [InlineData("Parental leave fraud")]
    [InlineData("Maternity allowance fraud")]
    [InlineData("Failure to pay child support")]
    [InlineData("Child maintenance arrears")]
    [InlineData("Child benefit fraud")]
    [InlineData("拒不支付子女抚养费")]
    [InlineData("拒不支付抚养费")]
    [InlineData("Rent owed to the landlord")]
    [InlineData("Rent arrears reported by the landlord")]
    [InlineData("Embezzlement from employer")]
    [InlineData("Theft from the employer")]
    [InlineData("Transparent pricing violation")]
    [InlineData("Apparent fraud")]
    [InlineData("Kidnapping")]
    [InlineData("Motherboard import fraud")]
    [InlineData("Grandstand damage")]
    [InlineData("Sonar equipment damage")]
    [InlineData("Driving without third-party liability insurance")]
    [InlineData("Director-general's order disobeyed")]
    public void A_persons_own_obligations_pass(string name)
    {
        if (name.StartsWith("Director", StringComparison.Ordinal))
        {
            // Decided: "director" always names someone else, even in a compound title.
            AssertOwnRecordsOnly(TypeNamed(Base, "own-duty", name), "record-types[5].name");
            return;
        }

        Accepted(TypeNamed(Base, "own-duty", name));
    }

    [Fact]
    public void The_relation_checks_depend_on_the_subject_kind()
    {
        Assert.Null(OtherSubjectTerms.Find("Wage arrears owed to employees", SubjectKind.Organisation));
        Assert.Null(OtherSubjectTerms.Find("Employer social insurance contributions", SubjectKind.Organisation));
        Assert.NotNull(OtherSubjectTerms.Find("Employer social insurance contributions", SubjectKind.Person));
        Assert.NotNull(OtherSubjectTerms.Find("Employee fraud", SubjectKind.Organisation));
        Assert.NotNull(OtherSubjectTerms.Find("Employer evaded tax", SubjectKind.Person));
        Assert.Null(OtherSubjectTerms.Find("Wage arrears owed to employees", SubjectKind.Person));
        // An allowed phrase never shields the relation beside it.
        Assert.NotNull(OtherSubjectTerms.Find("Employer default, reported by the employer", SubjectKind.Person));
        Assert.NotNull(OtherSubjectTerms.Find("Father's unpaid child support", SubjectKind.Person));
        Assert.NotNull(OtherSubjectTerms.Find("Employee fraud; wages owed to employees", SubjectKind.Organisation));
    }

    [Theory]
    [InlineData("parent")]
    [InlineData("mother")]
    [InlineData("sons")]
    [InlineData("spouse")]
    [InlineData("landlord")]
    [InlineData("subsidiaries")]
    [InlineData("director")]
    public void Keys_naming_relations_are_refused(string key)
    {
        var yaml = Base.With("    severity: serious\n", $"    severity: serious\n    {key}: [judgment-defaulter]\n");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.OwnRecordsOnly));
        AssertAt(p, yaml, key + ":");
    }

    private static void AssertOwnRecordsOnly(string yaml, string path)
    {
        var found = Refused(yaml, PolicyRules.OwnRecordsOnly);
        Assert.Contains(found, p => p.Path == path && p.Line > 0 && p.Message.Contains("refers to another subject", StringComparison.Ordinal));
    }
}
