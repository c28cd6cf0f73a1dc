namespace Credence.Registry.Storage;

/// <summary>
/// Work a unit of work leaves for the end of its run of units (see <see cref="IRegistryWriter.Deferred{T}"/>):
/// consecutive units that were queued as deferring (<see cref="IRegistryStore.WriteDeferringAsync{T}"/>)
/// add to one instance, and the writer runs it once, in the same transaction, before any other unit
/// runs and before the commit.
/// </summary>
public interface IGroupWork
{
    /// <summary>Does what the units gathered, on <paramref name="writer"/>, whose <see cref="IRegistryWriter.Now"/> is the instant of the last unit that added to it.</summary>
    void Run(IRegistryWriter writer);
}
