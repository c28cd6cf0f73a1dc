using System.Globalization;
using Credence.Core.Records;
using Credence.Registry.Storage;

namespace Credence.Registry.Ledger;

/// <summary>
/// A row the ledger covers, as the domain object it was stored from: a record version, a decision, an
/// access event with its id, or a case step with its id. A store hands one to
/// <see cref="LedgerAppender.Append"/> when it inserts the row, and gives one back from
/// <see cref="ILedgerReader.CoveredRow"/> for the audit; <see cref="EntryContent"/> makes the entry of either.
/// </summary>
/// <remarks>
/// Implementation note: a record version is held as its key, number and <see cref="StoredVersion"/>
/// (the record with its subject as text) rather than as a <see cref="Record"/>, whose subject must
/// pass the identifier check again: a row read back for the audit is compared, never re-admitted.
/// </remarks>
public abstract record LedgeredRow
{
    private protected LedgeredRow()
    {
    }

    /// <summary>The kind of entry that covers the row.</summary>
    public abstract EntryKind Kind { get; }

    /// <summary>
    /// The row's key in the ledger, the same on every store: <c>source/source record id/version</c> for a
    /// record version (the source never holds a '/', the version is what follows the last one), the
    /// decision's id (lower-case GUID with hyphens), the access event's or the case step's id in decimal.
    /// </summary>
    public abstract string RowKey { get; }

    /// <summary>
    /// The subject whose file (its record versions, disputes and repairs) changes with this row: a record
    /// version's subject, or the subject of a case step (every dispute and repair change is stored with one);
    /// null for a decision or an access event, which change no file.
    /// </summary>
    public virtual string? FileSubject => null;

    public static LedgeredRow Of(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordVersion(record.Key, record.Version, new StoredVersion(
            record.Subject.Value, record.Action, record.Type, record.Area, record.OccurredAt, record.ReportedAt, record.LegalBasis, record.Quantity, record.Note));
    }

    public static LedgeredRow Of(RecordKey key, int version, StoredVersion stored) => new RecordVersion(key, version, stored ?? throw new ArgumentNullException(nameof(stored)));

    public static LedgeredRow Of(Decisions.Decision decision) => new Decision(decision ?? throw new ArgumentNullException(nameof(decision)));

    /// <param name="accessEvent">The event with the id the store gave it.</param>
    public static LedgeredRow Of(Access.AccessEvent accessEvent)
    {
        ArgumentNullException.ThrowIfNull(accessEvent);
        ArgumentOutOfRangeException.ThrowIfLessThan(accessEvent.Id, 1, nameof(accessEvent));
        return new AccessEvent(accessEvent);
    }

    /// <param name="step">The step with the id the store gave it.</param>
    public static LedgeredRow Of(DueProcess.CaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(step.Id, 1, nameof(step));
        return new CaseStep(step);
    }

    /// <summary>The row key of a record version.</summary>
    public static string RecordRowKey(RecordKey key, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.Source}/{key.SourceRecordId}/{version}");

    /// <summary>Reads a record version's row key back; false when it is not one.</summary>
    public static bool TryParseRecordRowKey(string rowKey, out RecordKey key, out int version)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        key = default;
        version = 0;
        var first = rowKey.IndexOf('/', StringComparison.Ordinal);
        var last = rowKey.LastIndexOf('/');
        if (first <= 0 || last <= first
            || !int.TryParse(rowKey.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            || RecordRowKey(new RecordKey(rowKey[..first], rowKey[(first + 1)..last]), version) != rowKey)
        {
            return false;
        }

        key = new RecordKey(rowKey[..first], rowKey[(first + 1)..last]);
        return true;
    }

    /// <summary>A stored record version.</summary>
    public sealed record RecordVersion(RecordKey Key, int Version, StoredVersion Stored) : LedgeredRow
    {
        public override EntryKind Kind => EntryKind.RecordVersion;

        public override string RowKey => RecordRowKey(Key, Version);

        public override string? FileSubject => Stored.Subject;
    }

    /// <summary>A decision given to a relying party.</summary>
    public sealed record Decision(Decisions.Decision Value) : LedgeredRow
    {
        public override EntryKind Kind => EntryKind.Decision;

        public override string RowKey => Value.Id.ToString("D");
    }

    /// <summary>An access event, with its id.</summary>
    public sealed record AccessEvent(Access.AccessEvent Value) : LedgeredRow
    {
        public override EntryKind Kind => EntryKind.AccessEvent;

        public override string RowKey => Value.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A step of a dispute, repair application or appeal, with its id.</summary>
    public sealed record CaseStep(DueProcess.CaseStep Value) : LedgeredRow
    {
        public override EntryKind Kind => EntryKind.CaseStep;

        public override string RowKey => Value.Id.ToString(CultureInfo.InvariantCulture);

        public override string? FileSubject => Value.Subject;
    }
}
