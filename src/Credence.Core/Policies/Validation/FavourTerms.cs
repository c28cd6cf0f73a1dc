namespace Credence.Core.Policies.Validation;

/// <summary>
/// Terms that make a record a favour granted by someone rather than the subject's own fulfilment of
/// an obligation: a pardon or amnesty, clemency or leniency, a special approval, an exemption,
/// waiver or write-off, a discretionary decision of an office. Such a record may never end a
/// listing nor open a repair: only the subject paying, performing or putting right may.
/// </summary>
internal static class FavourTerms
{
    public const string Label = "a favour";

    private static readonly TermMatcher Matcher = new(
        [
            new(Label,
                ["pardon[a-z]*", "amnest[a-z]*", "clemen[a-z]*", "lenien[a-z]*", @"special (?:approvals?|permissions?|dispensations?|consideration|treatment|decisions?)",
                 @"specially (?:approved|permitted|authori[sz]ed)", "exempt[a-z]*", "waiv[a-z]*", "forgiv[a-z]*", "forgave", "remission",
                 "remitted", "dispensation[a-z]*", "discretion[a-z]*", "written off", "write ?offs?", "writ(?:e|es|ing) off", "reprieve[a-z]*",
                 "commutation", "commuted", "grace", "indulgence", "absol[a-z]*", "excus[a-z]*", "immunit(?:y|ies)", "overrid[a-z]*", "favou?rs?",
                 @"(?:approved|granted|authori[sz]ed|ordered|decided|cleared|lifted|removed|released) by (?:the |a )?(?:mayor|governor|party|secretary|leaders?(?:hip)?|officials?|office|authorit(?:y|ies)|government|department|bureau|committee|minister|ministry|cadres?)",
                 @"(?:mayor|governor|leader|leadership|official|ministerial|party)s? (?:approvals?|decisions?|permission|consent|orders?|instructions?)"],
                ["特赦", "赦免", "大赦", "豁免", "特批", "特许", "免除", "减免", "宽大", "宽免", "宽恕", "核销", "免责", "恩准", "开恩", "从轻",
                 "酌情", "免予", "免于", "特殊审批", "领导批准", "领导审批", "批示", "特事特办", "网开一面", "不予追究", "免罚", "免罪"]),
        ],
        [],
        []);

    public static TermMatch? Find(string? text) => Matcher.Find(text);
}
