using Credence.Core.Identifiers;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Every subject of a kind, for a pass over the whole population (a simulation, a replay, a fairness
/// report): their identifiers read, in the order <see cref="IRegistryReader.Dossiers"/> takes them,
/// and the runs of subjects whose dossiers are read at once.
/// </summary>
internal static class Population
{
    private const int Page = 10_000;

    private const int MinRun = 4_096;

    private const int MaxRun = 32_768;

    /// <summary>
    /// The subjects of <paramref name="kind"/> the registry holds whose identifiers read as one of that
    /// kind on <paramref name="today"/> (and are allowed), in ascending identifier order, and how many
    /// stored identifiers did not (a damaged row).
    /// </summary>
    public static (List<SubjectId> Subjects, int Unreadable) OfKind(IRegistryReader reader, SubjectKind kind, DateOnly today, IdentifierAllowList? allowList)
    {
        var subjects = new List<SubjectId>();
        var unreadable = 0;
        for (var page = reader.SubjectsOfKind(kind, string.Empty, Page); page.Count > 0; page = reader.SubjectsOfKind(kind, page[^1], Page))
        {
            foreach (var id in page)
            {
                if (SubjectIdentifiers.TryParse(id, today, out var subject, allowList) && subject.Kind == kind)
                {
                    subjects.Add(subject);
                }
                else
                {
                    unreadable++;
                }
            }
        }

        // A reading may write an identifier otherwise than it was stored; a run must stay ascending.
        subjects.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        var distinct = subjects.DistinctBy(s => s.Value).ToList();
        return (distinct, unreadable + (subjects.Count - distinct.Count));
    }

    /// <summary>
    /// The runs whose dossiers are read at once: about a third of the population each, so a small
    /// registry is read in three passes (each scored while the next is read), within bounds that keep a
    /// run to a few hundred thousand record versions in memory in a large one.
    /// </summary>
    public static IEnumerable<SubjectId[]> Runs(List<SubjectId> subjects) => subjects.Chunk(Math.Clamp((subjects.Count / 3) + 1, MinRun, MaxRun));
}
