namespace Credence.Demo;

/// <summary>An organisation registered in the city.</summary>
/// <param name="Index">Position in <see cref="City.Organisations"/>.</param>
/// <param name="Code">The 18-character Unified Social Credit Code (GB 32100-2015): a company (authority 9, category 1).</param>
/// <param name="Name">A made-up trade name.</param>
/// <param name="RegionCode">The registering office's six-digit region code.</param>
/// <param name="Sector">What it does, which decides the regulators it meets.</param>
public sealed record CityOrganisation(int Index, string Code, string Name, string RegionCode, Sector Sector)
{
    /// <summary>The made-up trade name in Chinese, as it would be registered (the same name as <see cref="Name"/>).</summary>
    public string NameZh { get; init; } = string.Empty;
}
