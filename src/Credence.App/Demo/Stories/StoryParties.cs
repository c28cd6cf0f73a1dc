using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.App.Demo.Stories;

/// <summary>The registry and the registered principals that act in the due-process stories besides their subjects.</summary>
/// <param name="Day">Midnight (UTC) of the city's last day: the stories are dated back from it.</param>
internal sealed record StoryParties(
    CredenceRegistry Registry,
    DateTimeOffset Day,
    Principal Court,
    Principal TaxBureau,
    Principal Utilities,
    Principal Airline,
    Principal Railway);
