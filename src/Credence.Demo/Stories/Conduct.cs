namespace Credence.Demo.Stories;

/// <summary>
/// How often a subject breaks rules, which makes the city's records skewed: most subjects have few
/// or no negative records, a few have many.
/// </summary>
internal static class Conduct
{
    /// <summary>Persons: careful, ordinary, careless, troubled.</summary>
    public static ReadOnlySpan<double> PersonShares => [55, 35, 8, 2];

    /// <summary>Persons who volunteer: more careful than most.</summary>
    public static ReadOnlySpan<double> CivicPersonShares => [75, 22, 3, 0];

    /// <summary>Organisations: compliant, ordinary, poor, rogue.</summary>
    public static ReadOnlySpan<double> OrganisationShares => [70, 22, 6, 2];

    /// <summary>How much each tier multiplies the base rate of negative facts.</summary>
    public static ReadOnlySpan<double> Multipliers => [0.1, 1, 3, 8];

    /// <summary>The most troubled tier.</summary>
    public const int Worst = 3;
}
