namespace Credence.Demo;

/// <summary>An organisation's line of business.</summary>
public enum Sector
{
    /// <summary>Food production and catering: meets food-safety inspectors.</summary>
    Food = 1,

    /// <summary>Factories: meet product-quality and environmental inspectors.</summary>
    Manufacturing = 2,

    /// <summary>Shops and trading companies.</summary>
    Retail = 3,

    /// <summary>Building contractors: meet environmental inspectors.</summary>
    Construction = 4,

    /// <summary>Software and technology firms.</summary>
    Technology = 5,

    /// <summary>Property, consulting and other services.</summary>
    Services = 6,

    /// <summary>Freight and warehousing.</summary>
    Logistics = 7,
}
