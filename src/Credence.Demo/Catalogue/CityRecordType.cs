using Credence.Core.Records;

namespace Credence.Demo.Catalogue;

/// <summary>How the city writes one record type.</summary>
/// <param name="Id">The id in the sample policies' catalogues.</param>
/// <param name="Area">The area those catalogues give it.</param>
/// <param name="Negative">Whether it lowers a score (and so always carries a legal basis).</param>
/// <param name="HasQuantity">Whether records carry an amount in yuan.</param>
internal sealed record CityRecordType(string Id, Area Area, bool Negative, bool HasQuantity)
{
    /// <summary>The area as written on the wire.</summary>
    public string AreaText { get; } = Area.ToString().ToLowerInvariant();
}
