namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The SQLite writer's memory of subjects' record versions (<see cref="RecordGenerations"/>), so that a subject
/// re-scored by one intake batch after another (or by the scheduler) is read from the database once.
/// </summary>
/// <remarks>
/// Implementation note: it is exact because every record version enters the database through the writer's
/// <c>TryInsertRecord</c>, which adds it here too; records are never updated or deleted. A rolled-back
/// transaction, or another connection's commit, clears it.
/// </remarks>
internal sealed class RecordCache(int capacity) : RecordGenerations(capacity);
