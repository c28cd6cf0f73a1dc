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
        new("371082", "Rongcheng", "Lu", 40, 4),
        new("371002", "Huancui", "Lu", 10, 2),
        new("110105", "Chaoyang", "Jing", 6, 4),
        new("110108", "Haidian", "Jing", 5, 3),
        new("310104", "Xuhui", "Hu", 6, 20),
        new("310115", "Pudong", "Hu", 7, 30),
        new("310106", "Jing'an", "Hu", 3, 15),
        new("440305", "Nanshan", "Yue", 5, 6),
        new("440106", "Tianhe", "Yue", 4, 4),
        new("330106", "Xihu", "Zhe", 5, 6),
        new("510107", "Wuhou", "Chuan", 4, 3),
        new("320102", "Xuanwu", "Su", 3, 2),
        new("420106", "Wuchang", "E", 2, 1),
    ];

    /// <summary>The person weights, in <see cref="All"/> order.</summary>
    public static ReadOnlySpan<double> PersonWeights => PersonWeightArray;

    /// <summary>The organisation weights, in <see cref="All"/> order.</summary>
    public static ReadOnlySpan<double> OrganisationWeights => OrganisationWeightArray;

    private static readonly double[] PersonWeightArray = [.. All.Select(r => r.PersonWeight)];

    private static readonly double[] OrganisationWeightArray = [.. All.Select(r => r.OrganisationWeight)];
}
