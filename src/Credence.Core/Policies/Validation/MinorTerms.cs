namespace Credence.Core.Policies.Validation;

/// <summary>
/// Terms that make a measure name or target minors, pupils, schooling, or the children of listed
/// persons (promise 4: no measure targets minors or the children of listed persons, in any wording),
/// whatever the policy's <c>minimum-age</c>.
/// </summary>
/// <remarks>
/// Implementation note: a measure restricts or rewards the subject; a measure that names a child,
/// a pupil or a school reaches a minor, most often the child of a listed adult (the "high-fee
/// private school" restriction of the court's consumption rules is paid for a child). "Student" is
/// refused too, since it cannot tell a pupil from an adult. Schools that only adults attend
/// (driving, business, law, graduate and flight schools) and "minor" as a severity ("minor
/// offences") pass, and so does "child support" (an adult's own duty).
/// </remarks>
internal static class MinorTerms
{
    public const string Label = "minors or children";

    private static readonly TermMatcher Matcher = new(
        [
            new(Label,
                ["minors?", "under ?aged?", @"under (?:18|eighteen|the age of (?:18|eighteen|majority))", @"(?:below|under) (?:the )?(?:legal |adult )?age(?: of majority)?",
                 "not (?:yet )?(?:of age|an? adults?|adults?)", "non ?adults?", "juvenil[a-z]*", "teen[a-z]*", "adolescen[a-z]*",
                 "kids?", "kiddies", "child", "childs", "children", "childrens", "childhood", "infants?", "toddlers?", "bab(?:y|ies)", "newborns?",
                 "pupils?", "students?", "schoolchild(?:ren)?", "school ?(?:boys?|girls?|kids?|age)", "youths?", "youngsters?", "young (?:people|persons?|ones)",
                 "boys?", "girls?", "sons?", "daughters?", "offspring", "descendants?", "heirs?", "dependants?", "dependents", "orphan[a-z]*",
                 "school[a-z]*", "pre ?schools?", "kindergartens?", "nurser(?:y|ies)", "creches?", "day ?care",
                 // Pinyin spellings of the Chinese terms.
                 "weichengnian(?:ren)?", "ertong", "xuesheng", "zin[uv]", "haizi", "xiaoxue(?:sheng)?", "zhongxue(?:sheng)?", "youeryuan", "qingshaonian"],
                ["未成年", "儿童", "少儿", "幼儿", "婴儿", "孩子", "小孩", "子女", "儿子", "女儿", "儿女", "子孙", "后代", "子弟", "孤儿",
                 "学生", "中小学", "小学", "中学", "初中", "高中", "幼儿园", "托儿所", "学校", "入学", "上学", "就读", "升学", "学龄", "青少年", "少年", "学童"]),
        ],
        [@"(?:driving|business|law|graduate|flight) schools?", @"minor (?:offen[cs]es?|violations?|infractions?|breach(?:es)?|records?|severity|defaults?|amounts?)", "child (?:support|maintenance)"],
        []);

    public static TermMatch? Find(string? text) => Matcher.Find(text);
}
