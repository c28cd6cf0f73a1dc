namespace Credence.Demo.Catalogue;

/// <summary>The regions of the city's subjects, with their weights.</summary>
/// <remarks>
/// Implementation note: the persons' policy is Rongcheng's and the organisations' policy Shanghai's,
/// so most persons are registered in Rongcheng and its prefecture and most organisations in Shanghai;
/// the rest come from the large cities people move between.
/// </remarks>
internal static class Regions
{
    /// <summary>Every region.</summary>
    public static IReadOnlyList<Region> All { get; } =
    [
        new("371082", "Rongcheng", "荣成", "Lu", 40, 4),
        new("371002", "Huancui", "环翠", "Lu", 10, 2),
        new("110105", "Chaoyang", "朝阳", "Jing", 6, 4),
        new("110108", "Haidian", "海淀", "Jing", 5, 3),
        new("310104", "Xuhui", "徐汇", "Hu", 6, 20),
        new("310115", "Pudong", "浦东", "Hu", 7, 30),
        new("310106", "Jing'an", "静安", "Hu", 3, 15),
        new("440305", "Nanshan", "南山", "Yue", 5, 6),
        new("440106", "Tianhe", "天河", "Yue", 4, 4),
        new("330106", "Xihu", "西湖", "Zhe", 5, 6),
        new("510107", "Wuhou", "武侯", "Chuan", 4, 3),
        new("320102", "Xuanwu", "玄武", "Su", 3, 2),
        new("420106", "Wuchang", "武昌", "E", 2, 1),
    ];

    /// <summary>The person weights, in <see cref="All"/> order.</summary>
    public static ReadOnlySpan<double> PersonWeights => PersonWeightArray;

    /// <summary>The organisation weights, in <see cref="All"/> order.</summary>
    public static ReadOnlySpan<double> OrganisationWeights => OrganisationWeightArray;

    private static readonly double[] PersonWeightArray = [.. All.Select(r => r.PersonWeight)];

    private static readonly double[] OrganisationWeightArray = [.. All.Select(r => r.OrganisationWeight)];
}
