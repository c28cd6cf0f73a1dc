namespace Credence.Demo;

/// <summary>A resident of the city.</summary>
/// <param name="Index">Position in <see cref="City.Persons"/>.</param>
/// <param name="Id">The 18-digit resident identity number (GB 11643-1999), valid on the city's end date.</param>
/// <param name="BirthDate">The birth date the number carries.</param>
/// <param name="RegionCode">The six-digit region code the number carries.</param>
public sealed record CityPerson(int Index, string Id, DateOnly BirthDate, string RegionCode);
