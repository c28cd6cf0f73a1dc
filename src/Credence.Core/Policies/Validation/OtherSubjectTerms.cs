using Credence.Core.Identifiers;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Terms that make a record type, list or measure about someone other than the subject (promise 1):
/// relatives (parent, child, spouse, sibling ...), household members, guarantors, landlords and
/// tenants, an employer, directors, shareholders, a legal representative, parent, subsidiary or
/// affiliated companies; in English and Chinese, with inflections and plurals.
/// </summary>
/// <remarks>
/// Implementation note: whether a relation is "another subject" depends on the subject kind. An
/// organisation is the employer, so its "wage arrears owed to employees" or "employees' social
/// insurance contributions" are its own conduct, while "employee fraud" is someone else's; for a
/// person "employer" and "employees" always name someone else. Phrases where the related party is
/// the one owed or the one reporting ("rent owed to the landlord", "reported by the employer") are
/// blanked out for both kinds, and so are a person's own legal duties that merely mention a child
/// ("child support", "child-care subsidy fraud", "parental leave fraud"): the record is about what
/// the subject did. Any other mention is refused, so "failure to support parents" must be written
/// as the court judgment it is.
/// </remarks>
internal static class OtherSubjectTerms
{
    public const string Label = "another subject";

    private const string Det = "(?:(?:its|the|an?|his|her|their|all|any|own) )?";
    private const string Related = "(?:employees?|workers?|staff(?: members?)?|tenants?|landlords?|lodgers?|employers?)";

    private static readonly string[] Common =
    [
        // Relatives and household.
        "parents?", "parental", "parenthood", "parenting", "mothers?", "fathers?", "moms?", "mums?", "mommy", "mummy", "dads?", "daddy",
        "sons?", "daughters?", "child", "childs", "children", "childrens", "kids?", "offspring", "heirs?", "descendants?",
        "siblings?", "brothers?", "sisters?", "grand ?(?:parents?|fathers?|mothers?|children|childs?|sons?|daughters?|kids?)",
        "uncles?", "aunts?", "nephews?", "nieces?", "cousins?", "husbands?", "wife", "wives", "spouses?", "spousal",
        "fiancee?s?", "boyfriends?", "girlfriends?", "widows?", "widowers?", "relatives?", "famil(?:y|ies)", "familial",
        "kin", "kinsfolk", "kinship", "households?", "dependants?", "dependents", "guardians?", "in ?laws?",
        // Guarantors, partners and other parties.
        "guarantors?", "co ?(?:signers?|borrowers?|debtors?|guarantors?)", "sureties", "surety",
        "(?:business |life |domestic )?partners?", "landlords?", "tenants?", "lodgers?", "roommates?", "flatmates?", "housemates?",
        // Companies and the persons behind them.
        "legal (?:persons? )?representatives?", "shareholders?", "stockholders?", "equity holders?", "directors?",
        "executives", "executive officers?", "senior management", "actual controllers?", "beneficial owners?",
        @"controlling (?:shareholders?|persons?|part(?:y|ies)|interests?)",
        @"(?:parent|holding|sister|group|affiliated|associated|related|subsidiary|daughter) (?:compan(?:y|ies)|enterprises?|firms?|entit(?:y|ies)|undertakings?|organi[sz]ations?)",
        "subsidiar(?:y|ies)", "affiliat[a-z]*",
        @"(?:linked|associated|related|connected) (?:subjects?|persons?|people|compan(?:y|ies)|enterprises?|part(?:y|ies)|accounts?)",
        @"(?:other|another) (?:subjects?|persons?|people|compan(?:y|ies)|enterprises?)", "third part(?:y|ies)",
        "guilt by association", "collective punishment",
        // Pinyin spellings of the Chinese relations.
        "fumu", "fuqin", "muqin", "zin[uv]", "erzi", "n[uv]er", "peiou", "zhangfu", "qizi", "qinshu", "qinqi", "jiashu", "jiaren",
        "jiating ?chengyuan", "fading ?daibiao ?ren", "gudong", "mugongsi", "zigongsi", "guanlian ?qiye",
    ];

    private static readonly string[] PersonOnly =
    [
        "employers?", "employees?", "colleagues?", "co ?workers?", "bosses", "boss",
        @"(?:his|her|their|the subjects?) (?:compan(?:y|ies)|firms?|enterprises?|business(?:es)?|shops?|work ?units?)",
    ];

    private static readonly string[] OrganisationOnly =
    [
        @"(?:employers?|employees?|workers?|staff|directors?|partners?|members?)s? (?:records?|debts?|arrears|defaults?|violations?|offen[cs]es?|conduct|misconduct|fraud|crimes?|tax evasion|evasion|scores?|grades?|listings?)",
    ];

    private static readonly string[] ChineseCommon =
    [
        "父母", "父亲", "母亲", "爸爸", "妈妈", "子女", "儿子", "女儿", "儿女", "孩子", "子孙", "后代", "配偶", "丈夫", "妻子", "老公", "老婆",
        "夫妻", "夫妇", "兄弟", "姐妹", "兄妹", "姐弟", "亲属", "亲戚", "亲人", "家属", "家人", "家庭成员", "近亲", "直系", "旁系",
        "祖父", "祖母", "爷爷", "奶奶", "外公", "外婆", "孙子", "孙女", "岳父", "岳母", "公婆", "监护人", "户主", "同户",
        "担保人", "保证人", "共同借款人", "房东", "房客", "租客",
        "法定代表人", "法人代表", "股东", "董事", "监事", "高管", "高级管理人员", "实际控制人", "母公司", "子公司",
        "关联企业", "关联公司", "关联方", "关联主体", "关联人", "其他主体", "连坐", "株连",
    ];

    private static readonly string[] ChinesePersonOnly = ["雇主", "用人单位", "所在单位", "工作单位", "老板", "同事", "员工", "职工", "雇员"];

    private static readonly string[] ChineseOrganisationOnly = ["员工失信", "员工违法", "员工犯罪", "职工失信", "职工违法", "雇员违法"];

    private static readonly string[] AllowedCommon =
    [
        @"third part(?:y|ies) (?:liability )?insurance",
        // A person's own legal duties and own claims that mention a child.
        @"child (?:support|maintenance|benefits?|allowances?|tax credits?)",
        @"child ?care (?:subsid(?:y|ies)|allowances?|benefits?|vouchers?|fees?)",
        @"(?:parental|maternity|paternity) (?:leave|allowances?|benefits?|pay)",
        // The related party is the one owed or harmed, or the one reporting: the conduct is the subject's.
        $@"(?:owed|owing|due|payable|paid|unpaid|returned|refunded|withheld|deposits?|rents?|wages?|salar(?:y|ies)|pay|compensation|arrears|debts?|damages|embezzl[a-z]*|stolen|theft|fraud) (?:to|from|against|towards|of) {Det}{Related}",
        $@"(?:reported|confirmed|notified|submitted|filed|certified) by {Det}{Related}",
    ];

    private static readonly string[] AllowedOrganisation =
    [
        @"(?:employees?|workers?|staff) (?:wages?|salar(?:y|ies)|pay|pensions?|social insurance|contributions?|overtime|safety|training|contracts?|injur(?:y|ies)|rights|housing fund)",
        "boards? of directors", @"(?:shareholders?|directors?|board) (?:meetings?|resolutions?)",
    ];

    private static readonly string[] AllowedChinese = ["子女抚养费", "董事会", "监事会", "股东大会", "股东会"];

    private static readonly TermMatcher Persons = new(
        [new(Label, [.. Common, .. PersonOnly], [.. ChineseCommon, .. ChinesePersonOnly])],
        AllowedCommon,
        AllowedChinese);

    private static readonly TermMatcher Organisations = new(
        [new(Label, [.. Common, .. OrganisationOnly], [.. ChineseCommon, .. ChineseOrganisationOnly])],
        [.. AllowedCommon, .. AllowedOrganisation],
        AllowedChinese);

    /// <summary>The first term in <paramref name="text"/> that names someone other than a subject of <paramref name="kind"/>.</summary>
    public static TermMatch? Find(string? text, SubjectKind kind) =>
        (kind == SubjectKind.Organisation ? Organisations : Persons).Find(text);
}
