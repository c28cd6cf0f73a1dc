namespace Credence.Registry.Subjects;

/// <summary>
/// Tells whoever holds subjects' files in memory (the server's subject grains) that a committed write
/// changed them: a record taken in, a dispute opened, answered, escalated or decided, a repair granted,
/// a consent given or withdrawn. The use case awaits it after the commit and before it answers, so a
/// write is acknowledged only once nothing still answers from the file as it was before.
/// </summary>
/// <remarks>
/// Implementation note: a seam rather than a dependency, so that the use cases know nothing of Orleans
/// (the App listens, <see cref="Listen"/>); with no listener (the command line, a registry without a
/// server) it costs nothing. A listener that fails fails the write's answer: the write is committed but
/// not acknowledged, and the caller's retry (intake is idempotent; a retried duplicate is signalled too)
/// tells the holders again.
/// </remarks>
public sealed class SubjectChanges
{
    private Func<IReadOnlyCollection<string>, CancellationToken, Task>? listener;

    /// <summary>Sets the one listener (null to stop listening): it is given the canonical ids of the subjects changed.</summary>
    public void Listen(Func<IReadOnlyCollection<string>, CancellationToken, Task>? changed) => Volatile.Write(ref listener, changed);

    /// <summary>Says that the files of <paramref name="subjects"/> changed (each named once however often it appears).</summary>
    public Task ChangedAsync(IEnumerable<string?> subjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (Volatile.Read(ref listener) is not { } changed)
        {
            return Task.CompletedTask;
        }

        var distinct = subjects.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? Task.CompletedTask : changed(distinct, cancellationToken);
    }

    /// <summary>
    /// Says that the files of <paramref name="subjects"/> changed, when the caller already has them each
    /// once (a write's own set, such as intake's subjects re-scored): passed on as they are.
    /// </summary>
    /// <remarks>
    /// Implementation note: intake is the hot write path, and a batch of 10,000 lines would otherwise be
    /// hashed a second time and copied into a list only to find what the unit of work already knew.
    /// </remarks>
    public Task ChangedDistinctAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        return subjects.Count == 0 || Volatile.Read(ref listener) is not { } changed ? Task.CompletedTask : changed(subjects, cancellationToken);
    }

    /// <summary>Says that the file of <paramref name="subject"/> changed.</summary>
    public Task ChangedAsync(string? subject, CancellationToken cancellationToken = default) =>
        subject is null || Volatile.Read(ref listener) is not { } changed ? Task.CompletedTask : changed([subject], cancellationToken);
}
