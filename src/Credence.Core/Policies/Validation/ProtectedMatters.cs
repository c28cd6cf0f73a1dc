namespace Credence.Core.Policies.Validation;

/// <summary>
/// The protected matters no policy may score, list or restrict on (promise 2 of shared/DESIGN.md),
/// and the curated English and Chinese terms that reveal them in ids, names and descriptions.
/// This is part of the engine, not a setting: changing it is a code change.
/// </summary>
/// <remarks>
/// Implementation note: allowed phrases neutralise a term inside a legitimate phrase, so
/// "workplace health and safety" (workplace safety), "contractual relationship" (contract
/// performance), "good faith", "audit opinion" and "medical devices" pass. "Public health" is
/// deliberately not allowed: it is how health data about persons (health codes, quarantine) was
/// brought into scoring; a food or sanitation violation can say so in those words.
/// </remarks>
public static class ProtectedMatters
{
    public const string PoliticalOpinion = "political opinion or speech";
    public const string Petitioning = "petitioning or complaints to authorities";
    public const string Religion = "religion or belief";
    public const string Ethnicity = "ethnicity or national origin";
    public const string Health = "health";
    public const string SexualLife = "sexual life";
    public const string TradeUnion = "trade-union membership";
    public const string Tracking = "biometric or location tracking";
    public const string Relationships = "family or social relationships";

    private static readonly TermCategory[] Categories =
    [
        new(PoliticalOpinion,
            [@"politic[a-z]*", "opinions?", @"speech(es)?", "protest[a-z]*", "dissent[a-z]*", "dissident[a-z]*",
             "activis[mt]s?", "demonstrators?", "votes?", "voting", "elections?", "ideolog[a-z]*", "propaganda",
             "rumou?rs?", "party membership", "online posts?", "social media posts?", "free expression"],
            ["政治", "言论", "观点", "抗议", "示威", "游行", "异见", "党派", "选举", "谣言", "意识形态"]),
        new(Petitioning,
            ["petition[a-z]*",
             @"complain[a-z]* (to|with|against|about) (the )?(authorit[a-z]*|government[a-z]*|officials?|state|party|cadres?|higher levels?)",
             "whistle ?blow[a-z]*", @"appeals? to (higher )?(authorit[a-z]*|government|officials?)", "letters and visits"],
            ["上访", "信访", "请愿", "集访"]),
        new(Religion,
            ["religio[a-z]*", "church[a-z]*", "mosques?", "temples?", "faiths?", "beliefs?", "believers?", "worship[a-z]*",
             "pray[a-z]*", "spiritual[a-z]*", "clergy", "priests?", "imams?", "monks?", "nuns?", "pastors?",
             "buddhis[mt]s?", "christian[a-z]*", "catholic[a-z]*", "protestant[a-z]*", "islam[a-z]*", "muslims?",
             "jewish", "judaism", "hindu[a-z]*", "sikh[a-z]*", "tao(ism|ist|ists)", "falun", "cults?", "atheis[mt]s?",
             "sects?", "sectarian", "bibles?", "quran", "koran", "sabbath", "ramadan"],
            ["宗教", "信仰", "教会", "寺庙", "清真", "礼拜", "祈祷", "佛教", "道教", "基督", "天主", "伊斯兰", "穆斯林", "法轮", "邪教"]),
        new(Ethnicity,
            ["ethnic[a-z]*", "races?", "racial[a-z]*", "racis[mt]s?", "nationality", "nationalities", "national origins?",
             "tribes?", "tribal", "indigenous", "castes?", "hukou", "ancestry", "native place", "skin colou?r",
             "uy?ghurs?", "uighurs?", "tibetans?"],
            ["民族", "种族", "国籍", "籍贯", "户籍", "族裔"]),
        new(Health,
            ["health[a-z]*", "medical[a-z]*", "diseases?", "illness(es)?", "sick[a-z]*", "pregnan[a-z]*", "abortions?",
             "disabilit[a-z]*", "disabled", "mental", "psychiatric", "psycholog[a-z]*", "hiv", "covid[a-z0-9]*",
             "vaccin[a-z]*", "infect[a-z]*", "quarantin[a-z]*", "diagnos[a-z]*", "patients?", "genetic[a-z]*",
             "addict[a-z]*", "drug users?", "alcoholi[a-z]*", "obes[a-z]*", "contracept[a-z]*", "fertility",
             "infertil[a-z]*", "hospitali[sz][a-z]*"],
            ["健康", "疾病", "病史", "病历", "医疗", "就医", "怀孕", "妊娠", "流产", "残疾", "艾滋", "精神病", "传染病", "心理", "基因", "体检"]),
        new(SexualLife,
            ["sex", "sexual[a-z]*", "homosexual[a-z]*", "heterosexual[a-z]*", "bisexual[a-z]*", "gays?", "lesbians?",
             "transgender[a-z]*", "lgbt[a-z]*", "queer", "adulter[a-z]*", "extramarital", "cohabit[a-z]*",
             "prostitut[a-z]*", "sex work[a-z]*", "dating", "virginity", "promiscu[a-z]*"],
            ["性生活", "性取向", "性行为", "同性恋", "婚外", "通奸", "卖淫", "嫖娼", "性别认同", "跨性别"]),
        new(TradeUnion,
            ["trade unions?", "labou?r unions?", "union members?[a-z]*", "unioni[sz][a-z]*", "collective bargaining", "industrial action"],
            ["工会", "罢工"]),
        new(Tracking,
            ["biometric[a-z]*", "facial recognition", "face recognition", "face scan[a-z]*", "fingerprint[a-z]*",
             "iris scan[a-z]*", "voice ?prints?", "dna", "gait", @"locations? (tracking|data|history|histories)",
             "geolocation[a-z]*", "gps", "tracking", "tracked", "surveil[a-z]*", "whereabouts", "cctv",
             @"movement (data|history|records?)"],
            ["人脸", "面部识别", "刷脸", "生物识别", "指纹", "虹膜", "声纹", "步态", "定位", "行踪", "轨迹", "监控"]),
        new(Relationships,
            ["relatives?", "famil(y|ies)", "familial", "kin", "kinship", "kinsmen", "spouses?", "husbands?", "wife", "wives",
             "marriages?", "marital", "married", "unmarried", "divorc[a-z]*", "friends?", "friendships?", "acquaintances?",
             "associates", "siblings?", "cousins?", "in laws", "classmates?", "neighbou?rs?", "relationships?",
             @"social (ties|circles?|networks?|connections?|contacts?)", "family planning", "one child"],
            ["亲属", "家属", "家庭", "家人", "亲戚", "亲友", "配偶", "子女", "父母", "婚姻", "离婚", "朋友", "社会关系", "社交", "计划生育", "超生"]),
    ];

    private static readonly string[] AllowedEnglish =
    [
        "(workplace |occupational )?health (and )?safety",
        @"(contractual|contract|business|commercial|credit|lending|loan|lease|tenancy|employment|labou?r|customer|client|supplier|trading) relationships?",
        "(good|bad) faith",
        "(audit|auditor|auditors|legal) opinions?",
        "(medical|health) insurance fraud",
        "medical devices?",
        "relative to",
        "(bankruptcy|winding up) petitions?",
        "petitions? (for|in) bankruptcy",
    ];

    private static readonly string[] AllowedChinese = ["职业健康", "医疗器械", "医疗保险诈骗", "子女抚养费"];

    private static readonly TermMatcher Matcher = new(Categories, AllowedEnglish, AllowedChinese);

    /// <summary>Every protected matter's label.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Categories.Select(c => c.Label)];

    /// <summary>
    /// The first protected term in <paramref name="text"/> (an id, name, description or matter name),
    /// with its category; null when the text is free of them.
    /// </summary>
    public static TermMatch? Find(string? text) => Matcher.Find(text);
}
