namespace Credence.Core.Identifiers;

/// <summary>
/// Positions 1 and 2 of a Unified Social Credit Code: the registration authorities and the organisation
/// categories assigned under each.
/// </summary>
/// <remarks>
/// GB 32100-2015 itself assigns 1 (institutional establishment), 5 (civil affairs), 9 (industry and
/// commerce) and Y (other). The standard delegates further assignments, and 2 (foreign affairs),
/// 3 (judicial administration), 4 (culture), 6 (tourism), 7 (religious affairs), 8 (trade unions),
/// A (Central Military Commission establishment office) and N (agriculture) have since been assigned
/// with the categories below.
/// Implementation note: a code outside this table is refused because no registry can have issued it;
/// if an authority or category is assigned later, it is added here (one line) rather than the check
/// being loosened to the alphabet.
/// </remarks>
internal static class UsccCodeTable
{
    /// <summary>
    /// The category codes assigned under an authority code (upper case), or null when the authority
    /// code itself is not assigned.
    /// </summary>
    public static string? CategoriesOf(char authority) => authority switch
    {
        '1' => "1239", // organs, public institutions, mass organisations under the central office, other
        '2' => "19", // resident foreign news agencies, other
        '3' => "123459", // law firms, notaries, grass-roots legal services, forensic bodies, arbitration, other
        '4' => "19", // foreign cultural centres, other
        '5' => "1239", // social groups, private non-enterprise units, foundations, other
        '6' => "129", // foreign tourism offices, Hong Kong / Macao / Taiwan tourism offices, other
        '7' => "129", // places of religious activity, religious schools, other
        '8' => "19", // grass-roots trade unions, other
        '9' => "123", // enterprises, individual businesses, farmers' cooperatives
        'A' => "19", // military public institutions, other
        'N' => "1239", // group-, village- and township-level collective economic organisations, other
        'Y' => "1", // other authorities: a single category
        _ => null,
    };

    /// <summary>Whether the authority code and category code pair is assigned (both upper case).</summary>
    public static bool IsAssigned(char authority, char category) =>
        CategoriesOf(authority) is { } categories && categories.Contains(category, StringComparison.Ordinal);

    /// <summary>The assigned authority codes, as a person reads them in a refusal.</summary>
    public const string AuthoritiesDescription = "1–9, A, N or Y";
}
