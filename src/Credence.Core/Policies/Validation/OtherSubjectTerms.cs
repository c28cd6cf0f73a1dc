namespace Credence.Core.Policies.Validation;

/// <summary>
/// Terms that make a record type, list or measure about someone other than the subject: a
/// guarantor, a legal representative, an employer's record, a related company (promise 1).
/// Family and friends are protected matters and are found by <see cref="ProtectedMatters"/>.
/// </summary>
internal static class OtherSubjectTerms
{
    public const string Label = "another subject";

    private static readonly TermMatcher Matcher = new(
        [
            new(Label,
                ["guarantors?", "legal representatives?", "households?", "shareholders?", "affiliat[a-z]*",
                 @"(linked|associated|related|connected) (subjects?|persons?|people|compan(y|ies)|enterprises?|part(y|ies)|accounts?)",
                 @"(other|another) (subjects?|persons?|people|compan(y|ies)|enterprises?)", "third part(y|ies)",
                 @"(employer|employee|director|partner|member)s? (records?|debts?|arrears|defaults?|violations?|offen[cs]es?|conduct|scores?|grades?|listings?)",
                 "guilt by association", "collective punishment"],
                ["担保人", "法定代表人", "法人代表", "关联企业", "关联方", "关联主体", "关联人", "其他主体", "股东", "雇主", "户主", "同户", "连坐", "株连", "家庭成员"]),
        ],
        [@"third part(y|ies) (liability )?insurance"],
        []);

    public static TermMatch? Find(string? text) => Matcher.Find(text);
}
