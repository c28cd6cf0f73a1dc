using System.Collections.Concurrent;

namespace Credence.App.Grains;

/// <summary>
/// A silo's budget of active subject grains (configuration <c>Credence:SubjectGrains:Budget</c>): when an
/// activation takes the count of grains not already asked to leave over <see cref="Budget"/>, the least
/// recently used are asked to leave (deactivated) until <see cref="Target"/> remain, whatever their idle age.
/// </summary>
/// <remarks>
/// Implementation note: a use is one atomic increment of a silo-wide clock and one write into the grain's own
/// entry (<see cref="Touch"/>), with no lock and no list to relink, so the decision path never waits for
/// another. The order is found only when an eviction is due: one pass over the entries, sorted by their last
/// use, evicting down to <see cref="Target"/> (an eighth under the budget), so a pass of O(n log n) comes at
/// most once every <c>Budget / 8</c> activations: amortised O(log n) an activation, and nothing per decision.
/// One eviction runs at a time; an activation that finds one running leaves the work to it, and the runner
/// looks again before it lets go. A grain asked to leave stops counting at once (its deactivation runs on its
/// own schedule, after the calls it is answering), so a burst of activations never asks the same grain twice.
/// Implementation note: the grain is deactivated, not only made to drop its file: measured (docs/cluster.md,
/// "A budget of active subjects"), the activation itself costs as much as the file it holds, so dropping files
/// alone would leave memory growing with the traffic of the idle age.
/// </remarks>
internal sealed class SubjectBudget
{
    /// <summary>How many subject grains a silo keeps active by default (see docs/cluster.md for the arithmetic).</summary>
    public const int DefaultBudget = 50_000;

    /// <summary>The largest budget taken: far over what a silo's memory holds, so a larger figure is a typing slip.</summary>
    public const int MaxBudget = 10_000_000;

    private readonly ConcurrentDictionary<SubjectUse, byte> entries = new(ReferenceEqualityComparer.Instance);
    private long clock;
    private int counted;
    private int evicting;
    private long evictions;

    public SubjectBudget(int budget = DefaultBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(budget, MaxBudget);
        Budget = budget;
        Target = Math.Max(1, budget - (budget / 8));
    }

    /// <summary>The most subject grains active on this silo and not asked to leave, once an activation's eviction ran.</summary>
    public int Budget { get; }

    /// <summary>How many an eviction leaves: the most recently used.</summary>
    public int Target { get; }

    /// <summary>The grains counted against the budget now (active and not asked to leave).</summary>
    public int Counted => Volatile.Read(ref counted);

    /// <summary>How many grains the budget asked to leave so far.</summary>
    public long Evictions => Interlocked.Read(ref evictions);

    /// <summary>Counts a new activation, used now; evicts the least recently used if it went over the budget.</summary>
    /// <param name="subject">The subject, for the reader of a dump or a test.</param>
    /// <param name="leave">Asks the activation to deactivate (called at most once, never under a lock of this class).</param>
    public SubjectUse Enter(string subject, Action leave)
    {
        var use = new SubjectUse(subject, leave);
        Touch(use);
        entries[use] = 0;
        if (Interlocked.Increment(ref counted) > Budget)
        {
            Evict();
        }

        return use;
    }

    /// <summary>The grain was used (a call reached it): it becomes the most recently used.</summary>
    public void Touch(SubjectUse use) => Volatile.Write(ref use.LastUse, Interlocked.Increment(ref clock));

    /// <summary>The activation deactivated (evicted, collected when idle, or the silo stopping).</summary>
    public void Leave(SubjectUse use)
    {
        if (entries.TryRemove(use, out _) && Interlocked.Exchange(ref use.Asked, 1) == 0)
        {
            Interlocked.Decrement(ref counted);
        }
    }

    private void Evict()
    {
        while (Volatile.Read(ref counted) > Budget && Interlocked.CompareExchange(ref evicting, 1, 0) == 0)
        {
            try
            {
                var candidates = entries.Keys.Where(u => Volatile.Read(ref u.Asked) == 0).Select(u => (Stamp: Volatile.Read(ref u.LastUse), Use: u)).ToArray();
                Array.Sort(candidates, (a, b) => a.Stamp.CompareTo(b.Stamp));
                var surplus = Volatile.Read(ref counted) - Target;
                for (var i = 0; i < candidates.Length && surplus > 0; i++)
                {
                    var use = candidates[i].Use;
                    if (Interlocked.Exchange(ref use.Asked, 1) == 0)
                    {
                        Interlocked.Decrement(ref counted);
                        Interlocked.Increment(ref evictions);
                        surplus--;
                        use.Leave();
                    }
                }
            }
            finally
            {
                Volatile.Write(ref evicting, 0);
            }
        }
    }
}

/// <summary>One activation's place in its silo's <see cref="SubjectBudget"/>.</summary>
internal sealed class SubjectUse(string subject, Action leave)
{
    /// <summary>The silo clock's reading at the last use.</summary>
    internal long LastUse;

    /// <summary>1 once the activation stopped counting (asked to leave, or gone).</summary>
    internal int Asked;

    public string Subject { get; } = subject;

    /// <summary>Whether the budget asked this activation to leave (or it left).</summary>
    public bool Leaving => Volatile.Read(ref Asked) == 1;

    internal void Leave() => leave();
}
