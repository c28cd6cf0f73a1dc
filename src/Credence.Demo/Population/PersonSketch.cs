using Credence.Demo.Catalogue;

namespace Credence.Demo.Population;

/// <summary>What the city knows of a person before writing out the identity number.</summary>
internal readonly record struct PersonSketch(Region Region, DateOnly BirthDate, int Sequence);
