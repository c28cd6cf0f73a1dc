using System.Collections.Frozen;

namespace Credence.Core.Fairness;

/// <summary>The organisation types of GB 32100-2015 (registration authority and category, positions 1–2), named.</summary>
/// <remarks>The same pairs the identifier check accepts (<c>UsccCodeTable</c>); a pair without a name here is the unknown cohort.</remarks>
internal static class OrganisationTypes
{
    private static readonly FrozenDictionary<string, (string En, string Zh)> Names = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["1-1"] = ("government organ", "机关"), ["1-2"] = ("public institution", "事业单位"),
        ["1-3"] = ("mass organisation (central establishment office)", "中央编办直接管理机构编制的群众团体"), ["1-9"] = ("other (establishment office)", "其他（机构编制）"),
        ["2-1"] = ("resident foreign news agency", "外国常驻新闻机构"), ["2-9"] = ("other (foreign affairs)", "其他（外交）"),
        ["3-1"] = ("law firm", "律师执业机构"), ["3-2"] = ("notary office", "公证处"), ["3-3"] = ("grass-roots legal service", "基层法律服务所"),
        ["3-4"] = ("forensic appraisal body", "司法鉴定机构"), ["3-5"] = ("arbitration commission", "仲裁委员会"), ["3-9"] = ("other (judicial administration)", "其他（司法行政）"),
        ["4-1"] = ("foreign cultural centre", "外国在华文化中心"), ["4-9"] = ("other (culture)", "其他（文化）"),
        ["5-1"] = ("social group", "社会团体"), ["5-2"] = ("private non-enterprise unit", "民办非企业单位"), ["5-3"] = ("foundation", "基金会"), ["5-9"] = ("other (civil affairs)", "其他（民政）"),
        ["6-1"] = ("foreign tourism office", "外国旅游部门常驻代表机构"), ["6-2"] = ("Hong Kong, Macao or Taiwan tourism office", "港澳台地区旅游部门常驻内地代表机构"), ["6-9"] = ("other (tourism)", "其他（旅游）"),
        ["7-1"] = ("place of religious activity", "宗教活动场所"), ["7-2"] = ("religious school", "宗教院校"), ["7-9"] = ("other (religious affairs)", "其他（宗教）"),
        ["8-1"] = ("grass-roots trade union", "基层工会"), ["8-9"] = ("other (trade unions)", "其他（工会）"),
        ["9-1"] = ("enterprise", "企业"), ["9-2"] = ("individual business", "个体工商户"), ["9-3"] = ("farmers' cooperative", "农民专业合作社"),
        ["A-1"] = ("military public institution", "军队事业单位"), ["A-9"] = ("other (military)", "其他（军队）"),
        ["N-1"] = ("group-level collective economic organisation", "组级集体经济组织"), ["N-2"] = ("village-level collective economic organisation", "村级集体经济组织"),
        ["N-3"] = ("township-level collective economic organisation", "乡镇级集体经济组织"), ["N-9"] = ("other (agriculture)", "其他（农业）"),
        ["Y-1"] = ("other", "其他"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The type of an authority and category pair (upper case), or null.</summary>
    public static (string En, string Zh)? Find(string key) => Names.TryGetValue(key, out var name) ? name : null;
}
