namespace Credence.Registry.Storage;

/// <summary>A writer session's work left for the end of the current run of deferring units (<see cref="IGroupWork"/>).</summary>
internal sealed class DeferredWork
{
    private readonly List<IGroupWork> pending = [];

    /// <summary>Whether a unit left work that has not run yet.</summary>
    public bool Any => pending.Count > 0;

    /// <summary>The pending work of type <typeparamref name="T"/>, started when there is none.</summary>
    public T Of<T>()
        where T : class, IGroupWork, new()
    {
        foreach (var work in pending)
        {
            if (work is T found)
            {
                return found;
            }
        }

        var started = new T();
        pending.Add(started);
        return started;
    }

    /// <summary>Runs what is pending, in the order it was started, and forgets it (also when it throws: the transaction then rolls back).</summary>
    public void Run(IRegistryWriter writer)
    {
        while (pending.Count > 0)
        {
            var work = pending[0];
            pending.RemoveAt(0);
            work.Run(writer);
        }
    }

    /// <summary>Forgets what is pending (the transaction rolled back).</summary>
    public void Clear() => pending.Clear();
}
