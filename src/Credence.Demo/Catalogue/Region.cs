namespace Credence.Demo.Catalogue;

/// <summary>A real county-level region the city's subjects come from.</summary>
/// <param name="Code">Six-digit GB/T 2260 code, e.g. 371082 (Rongcheng, Shandong).</param>
/// <param name="District">The district's name, for organisation names.</param>
/// <param name="DistrictZh">The district's name in Chinese, for organisations' Chinese names.</param>
/// <param name="Province">The province's one-character abbreviation in pinyin, as case references write it (Lu, Hu, Jing).</param>
/// <param name="PersonWeight">Relative share of persons registered there.</param>
/// <param name="OrganisationWeight">Relative share of organisations registered there.</param>
internal sealed record Region(string Code, string District, string DistrictZh, string Province, double PersonWeight, double OrganisationWeight)
{
    /// <summary>The last four digits, which court case numbers carry after the province ("Lu 1082").</summary>
    public string CourtCode => Code[2..];
}
