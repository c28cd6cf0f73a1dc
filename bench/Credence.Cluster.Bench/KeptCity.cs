using System.Text.Json;

namespace Credence.Cluster.Bench;

/// <summary>
/// A city loaded once and kept (<c>city --keep DIR</c>): written to <c>DIR/city-&lt;persons&gt;.json</c> only once its
/// load completed, so that a later run (<c>--keep DIR</c> or <c>--reuse DIR</c>) measures it without loading it again.
/// </summary>
/// <param name="Database">The database on the kept PostgreSQL cluster.</param>
/// <param name="Persons">The persons asked for.</param>
/// <param name="End">The city's end instant: the generator makes the same persons again only from the same end.</param>
/// <param name="Lines">Record versions submitted.</param>
/// <param name="Accepted">Record versions accepted.</param>
/// <param name="LoadRate">The load's records a second, as measured when it was loaded.</param>
internal sealed record KeptCity(string Database, int Persons, DateTimeOffset End, long Lines, long Accepted, double LoadRate)
{
    public static string PathIn(string folder, int persons) => Path.Combine(folder, $"city-{persons}.json");

    public static KeptCity? Read(string folder, int persons) =>
        File.Exists(PathIn(folder, persons)) ? JsonSerializer.Deserialize<KeptCity>(File.ReadAllText(PathIn(folder, persons))) : null;

    public void Write(string folder) => File.WriteAllText(PathIn(folder, Persons), JsonSerializer.Serialize(this));
}
