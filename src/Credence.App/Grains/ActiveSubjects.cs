using System.Collections.Concurrent;

namespace Credence.App.Grains;

/// <summary>
/// The subjects whose grain is active on this silo (one per silo, a singleton): a grain enters before it can
/// read its file and leaves when it deactivates, and a write's changed subjects advance the generation of
/// those active here, so a grain sees at its next call that its file is stale (<see cref="SubjectGrain"/>).
/// </summary>
/// <remarks>
/// Implementation note: marking rather than calling each grain, so that telling a silo of a batch of 10,000
/// changed subjects is 10,000 dictionary look-ups, with no activation, no message and no wait for a grain
/// busy deciding; a subject with no grain here costs one failed look-up.
/// Implementation note: the silo's <see cref="SubjectBudget"/> lives here too, so that one singleton knows both
/// which grains are active and which were used least recently; an evicted grain stays here (and is told of
/// changes) until it has deactivated, exactly as one collected when idle.
/// </remarks>
internal sealed class ActiveSubjects(SubjectBudget budget)
{
    private readonly ConcurrentDictionary<string, SubjectGeneration> active = new(StringComparer.Ordinal);
    private long activations;

    /// <summary>Active subjects with the default budget (<see cref="SubjectBudget.DefaultBudget"/>).</summary>
    public ActiveSubjects()
        : this(new SubjectBudget())
    {
    }

    /// <summary>The silo's budget of active subject grains.</summary>
    public SubjectBudget Budget => budget;

    /// <summary>How many subjects have a grain active on this silo now (those the budget asked to leave included, until they left).</summary>
    public int Count => active.Count;

    /// <summary>How many subject grains have ever activated on this silo (to see that a write woke none).</summary>
    public long Activations => Interlocked.Read(ref activations);

    /// <summary>Whether the grain of <paramref name="subject"/> is active on this silo.</summary>
    public bool IsActive(string subject) => active.ContainsKey(subject);

    /// <summary>Registers an activation of <paramref name="subject"/>'s grain; returns the generation it is to watch.</summary>
    public SubjectGeneration Enter(string subject)
    {
        Interlocked.Increment(ref activations);
        while (true)
        {
            var generation = active.GetOrAdd(subject, _ => new SubjectGeneration());
            if (generation.TryHold())
            {
                return generation;
            }

            // The last holder is leaving and removing it: take a new one.
            active.TryRemove(KeyValuePair.Create(subject, generation));
        }
    }

    /// <summary>Unregisters an activation (<see cref="Enter"/>).</summary>
    public void Leave(string subject, SubjectGeneration generation)
    {
        if (generation.Release())
        {
            active.TryRemove(KeyValuePair.Create(subject, generation));
        }
    }

    /// <summary>Marks stale the files of those of <paramref name="subjects"/> whose grain is active here.</summary>
    public void Forget(IEnumerable<string> subjects)
    {
        foreach (var subject in subjects)
        {
            if (active.TryGetValue(subject, out var generation))
            {
                generation.Advance();
            }
        }
    }
}
