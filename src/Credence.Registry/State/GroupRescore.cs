using Credence.Core.Identifiers;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// The subjects intake units committed together left to re-score (<see cref="IRegistryWriter.Deferred{T}"/>):
/// each once, under the policy the last unit that touched it checked its records against, at the
/// instant of the last unit of the run.
/// </summary>
/// <remarks>
/// Implementation note: the demo and <c>credence import</c> queue one unit per source and batch, so a
/// subject reported by several units of one transaction was re-scored by each; now once. The rule
/// every re-scoring rests on still holds: the instant is the last deferring unit's, which no unit
/// already committed for the subject follows, and nothing else runs before the re-scoring (see
/// <see cref="GroupCommitWriter{TSession}"/>). A unit that fails takes its transaction with it; the
/// units run again alone each re-score only their own subjects.
/// </remarks>
internal sealed class GroupRescore : IGroupWork
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<(SubjectId Subject, ActivePolicy Policy)> subjects = [];

    /// <summary>Adds a subject to re-score under <paramref name="policy"/> (a later unit's policy replaces an earlier one's).</summary>
    public void Add(SubjectId subject, ActivePolicy policy)
    {
        if (index.TryGetValue(subject.Value, out var i))
        {
            subjects[i] = (subject, policy);
            return;
        }

        index.Add(subject.Value, subjects.Count);
        subjects.Add((subject, policy));
    }

    public void Run(IRegistryWriter writer)
    {
        if (subjects.Count == 0)
        {
            return;
        }

        writer.ReadAhead([.. subjects.Select(s => s.Subject)]);
        SubjectScorer.Rescore(writer, subjects);
    }
}
