namespace Credence.Demo.Catalogue;

/// <summary>The city's eight sources, as compact indices into <see cref="Sources.All"/>.</summary>
internal enum SourceId : byte
{
    Court,
    TaxBureau,
    MarketRegulator,
    TransitAuthority,
    Utilities,
    CityBank,
    CharityFederation,
    EnvironmentalRegulator,
}
