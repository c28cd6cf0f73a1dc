namespace Credence.Core.Policies.Validation;

/// <summary>
/// Recognises a capability worded as an entitlement (promise 4): travel, tickets, lodging, housing,
/// schooling, work, utilities, banking, public services, market access and ordinary purchases, which
/// everyone has unless an adjudicated restriction triggers. Wording that says what reward is given
/// on top (a discount, a fast track, a waived deposit, priority, an upgrade) makes it a benefit.
/// </summary>
/// <remarks>
/// Implementation note: a policy declares each capability's kind, but a declaration cannot make an
/// air ticket a reward: a text that names an entitlement and no reward is an entitlement whatever
/// the declaration says, so "air.ticket" declared a benefit is refused while
/// "air.ticket.priority-boarding" and "transit.fare-discount" are benefits. Credit itself (loans,
/// card limits) is not in the list: a lender's own credit decision is the relying party's, and a
/// policy that rewards with better terms says so ("lower interest").
/// </remarks>
internal static class EntitlementTerms
{
    public const string Label = "an entitlement";

    private static readonly TermMatcher Entitlements = new(
        [
            new(Label,
                ["travel[a-z]*", "trips?", "journeys?", "tickets?", "ticketing", "flights?", "fly", "flying", "air", "airlines?", "airports?", "aircraft",
                 "planes?", "aviation", "boarding", "rail[a-z]*", "trains?", "metro", "subway", "bus", "buses", "coach(?:es)?", "ferr(?:y|ies)",
                 "ships?", "taxis?", "transport[a-z]*", "transit", "commut[a-z]*", "passports?", "visas?", "border", "customs", "roads?",
                 "highways?", "tolls?", "driving", "vehicles?", "cars?",
                 "hotels?", "hostels?", "lodging", "accommodation", "hous[a-z]*", "homes?", "dwellings?", "flats?", "apartments?", "rent[a-z]*",
                 "leas(?:e|es|ing)", "tenanc(?:y|ies)", "propert(?:y|ies)", "real estate",
                 "school[a-z]*", "educat[a-z]*", "tuition", "universit(?:y|ies)", "colleges?", "admissions?", "enrol[a-z]*", "exams?",
                 "examinations?", "degrees?", "diplomas?", "librar(?:y|ies)",
                 "work", "works", "working", "jobs?", "employ[a-z]*", "hir(?:e|es|ed|ing)", "recruit[a-z]*", "careers?", "occupation[a-z]*",
                 "professions?", "civil service", "public (?:office|services?)",
                 "utilit(?:y|ies)", "water", "electricity", "power", "gas", "heating", "internet", "telecom[a-z]*", "phones?", "mobile", "broadband",
                 "bank(?:ing)?", "accounts?", "payments?", "welfare", "pensions?", @"social (?:security|insurance|assistance)",
                 "courts?", "legal aid", "licen[cs][a-z]*", "permits?", "registration", "procurement", "tenders?", "bid(?:s|ding)?", "bonds?",
                 "market access", "invoic[a-z]*", "tax filing", "exports?", "imports?", "shopping", "purchas[a-z]*", "buy(?:ing)?", "golf",
                 "dining", "restaurants?", "leisure", "tourism"],
                ["出行", "乘坐", "乘车", "乘机", "机票", "飞机", "航班", "民航", "火车", "高铁", "动车", "列车", "车票", "铁路", "客票", "旅行",
                 "旅游", "出境", "出国", "护照", "签证", "交通", "地铁", "公交", "住宿", "酒店", "宾馆", "住房", "住宅", "房屋", "租房", "租赁",
                 "购房", "买房", "房产", "不动产", "入学", "就学", "上学", "教育", "学校", "招生", "升学", "录取", "考试", "就业", "工作",
                 "招聘", "录用", "岗位", "任职", "公务员", "职业", "社保", "社会保险", "养老", "低保", "水电", "供水", "供电", "燃气", "通信",
                 "电话", "网络", "银行", "账户", "支付", "招标", "投标", "采购", "通关", "报关", "发票", "营业执照", "执照", "许可",
                 "市场准入", "高尔夫", "消费", "购买"]),
        ],
        [],
        []);

    private static readonly TermMatcher Rewards = new(
        [
            new("a reward",
                ["discount[a-z]*", "fast ?track[a-z]*", "fast ?lanes?", @"express (?:lanes?|checks?|service|processing|boarding|clearance|channels?)",
                 "priorit[a-z]*", "expedit[a-z]*", "deposit ?free", "no deposits?", "without (?:a )?deposits?", "preferential", "preferred",
                 "upgrad[a-z]*", "lounges?", "rewards?", "bonus(?:es)?", "cashback", "rebates?", "loyalty", "simplified",
                 @"green (?:channels?|lanes?)", "free of charge", @"reduced (?:fares?|fees?|rates?|prices?)",
                 @"lower (?:fares?|fees?|rates?|prices?|interest)", @"extended (?:loan |borrowing |rental )?(?:periods?|limits?|terms?|hours?)",
                 @"higher (?:limits?|credit limits?)", "awards?", "honou?rs?", "commendation[a-z]*", "incentives?", "perks?"],
                ["优惠", "折扣", "打折", "减价", "免押", "优先", "绿色通道", "快速通道", "快捷", "便利", "便捷", "简化", "简易", "奖励", "积分",
                 "升级", "贵宾", "加速", "容缺", "告知承诺", "免费", "额外", "提额", "延长", "表彰"]),
        ],
        [],
        []);

    /// <summary>
    /// The entitlement <paramref name="text"/> names when it names one and no reward on top of it;
    /// null when it names no entitlement or says what reward is given.
    /// </summary>
    public static TermMatch? Find(string? text) =>
        Entitlements.Find(text) is { } found && Rewards.Find(text) is null ? found : null;
}
