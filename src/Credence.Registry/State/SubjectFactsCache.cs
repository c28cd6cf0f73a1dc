using System.Collections.Concurrent;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Subjects' files compiled against a policy, kept between decisions: a decision about a subject
/// whose records have not changed since the last one scores the compiled facts it already has.
/// </summary>
/// <remarks>
/// Implementation note: an entry is used only when the compiled policy is the same object and the
/// subject's records mark (the newest version's row id, read from the index in the same read) is
/// the same; record versions are only ever added, so the file is then the same file. This holds
/// whichever connection or process stored the records, and needs no invalidation. Files hold only
/// record versions today; when disputes or repairs join the file, they must join the mark too.
/// When full, the cache starts afresh: a bound on memory, not an eviction policy.
/// </remarks>
internal sealed class SubjectFactsCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The subject's facts under <paramref name="policy"/>, from the cache when its records are unchanged.</summary>
    public SubjectFacts Facts(IRegistryReader reader, CompiledPolicy policy, SubjectId subject)
    {
        var mark = reader.SubjectRecordsMark(subject.Value);
        if (entries.TryGetValue(subject.Value, out var entry) && entry.Mark == mark && ReferenceEquals(entry.Policy, policy))
        {
            return entry.Facts;
        }

        var records = reader.SubjectRecords(subject);
        var facts = SubjectFacts.Compile(policy, SubjectFile.Create(subject, records));

        // Records stored between the two reads could be in the file but not in the mark; such an
        // entry has an older mark than the database and is recompiled next time, never used stale.
        if (entries.Count >= capacity)
        {
            entries.Clear();
        }

        entries[subject.Value] = new Entry(policy, mark, facts);
        return facts;
    }

    private sealed record Entry(CompiledPolicy Policy, long Mark, SubjectFacts Facts);
}
