namespace Credence.Demo;

/// <summary>What city to build: its size, its seed and the time it covers.</summary>
/// <param name="End">
/// The last instant of the city's time, normally "now": nothing in the city occurs or is reported
/// after it, and every identity number is valid on its date. Truncated to whole seconds, in UTC.
/// </param>
public sealed record CityOptions(DateTimeOffset End)
{
    public const int DefaultPersons = 100_000;
    public const long DefaultSeed = 2026;
    public const int DefaultYears = 3;

    private readonly int? organisations;

    /// <summary>Residents; 100,000 unless set.</summary>
    public int Persons { get; init; } = DefaultPersons;

    /// <summary>Organisations; one for every ten persons unless set.</summary>
    public int Organisations
    {
        get => organisations ?? (Persons / 10);
        init => organisations = value;
    }

    /// <summary>Another seed, another city; the same seed, the same city, byte for byte.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Years of records before <see cref="End"/>; 3 unless set.</summary>
    public int Years { get; init; } = DefaultYears;
}
