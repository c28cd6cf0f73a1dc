using Credence.Demo;

namespace Credence.App.Demo.Stories;

/// <summary>The due-process stories the demo tells, each about its own person of the city.</summary>
/// <remarks>
/// Implementation note: the persons are chosen from the generated city, so the same seed casts the
/// same persons: the first quiet persons (<see cref="City.QuietPersons"/>: no source ever reports
/// on them, so nothing of the city's own mixes into the story), scanning from index 0, who are
/// adults over the whole of the city's history (the policy scores and lists no minors) and not
/// showcase subjects (whose files must stay as their stories say). In index order they are the
/// wrong person, the silent source's subject and the hardship case; a city too small to have three
/// tells fewer. Consent is not among the stories: the demo activates no policy that requires it.
/// </remarks>
internal static class DueProcessStories
{
    /// <summary>Casts the stories for <paramref name="city"/>.</summary>
    public static IReadOnlyList<DueProcessStory> Cast(City city)
    {
        var adultSince = DateOnly.FromDateTime(city.Start.UtcDateTime);
        var showcase = city.Showcase.Select(s => s.Subject).ToHashSet(StringComparer.Ordinal);
        var persons = city.QuietPersons().Where(p => p.BirthDate.AddYears(18) <= adultSince && !showcase.Contains(p.Id)).Take(3).ToList();
        Func<CityPerson, DueProcessStory>[] stories = [p => new WrongPersonStory(p), p => new SilenceStory(p), p => new HardshipStory(p)];
        return [.. persons.Select((p, i) => stories[i](p))];
    }
}
