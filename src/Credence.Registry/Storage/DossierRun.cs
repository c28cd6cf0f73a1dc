using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Storage;

/// <summary>
/// The dossiers of a run of subjects being assembled from range reads (see
/// <see cref="IRegistryReader.Dossiers"/>): each row is kept if its subject was asked for and dropped
/// otherwise (a range of identifiers also holds subjects of the other kind).
/// </summary>
/// <remarks>
/// Implementation note: a store reads each table once over the range, in whatever order its plan
/// gives; only the rows of one table for one subject need an order, and each is put in the order
/// the subject's own query gives: records by <see cref="RecordFileOrder"/> when they are made
/// (<see cref="PackedRecords"/>), the others as read when read in that order (the store's SQL orders them).
/// </remarks>
internal sealed class DossierRun
{
    private readonly IReadOnlyList<SubjectId> subjects;
    private readonly SubjectPositions positions;
    private readonly PackedRecords records;
    private readonly List<StoredDispute>?[] disputes;
    private readonly List<Decision>?[] decisions;
    private readonly List<RepairApplication>?[] repairs;
    private readonly List<ConsentChange>?[] consents;
    private readonly int decisionsEach;

    public DossierRun(IReadOnlyList<SubjectId> subjects, int decisionsEach)
    {
        RequireAscending(subjects);
        ArgumentOutOfRangeException.ThrowIfNegative(decisionsEach);
        this.subjects = subjects;
        this.decisionsEach = decisionsEach;
        positions = new SubjectPositions(subjects);
        records = new PackedRecords(subjects.Count);
        disputes = new List<StoredDispute>?[subjects.Count];
        decisions = new List<Decision>?[subjects.Count];
        repairs = new List<RepairApplication>?[subjects.Count];
        consents = new List<ConsentChange>?[subjects.Count];
    }

    /// <summary>The first identifier of the range (the run is not empty).</summary>
    public string From => subjects[0].Value;

    /// <summary>The last identifier of the range, included.</summary>
    public string To => subjects[^1].Value;

    public bool IsEmpty => subjects.Count == 0;

    /// <summary>Where <paramref name="subject"/> stands in the run; -1 when it was not asked for.</summary>
    public int PositionOf(string subject) => positions.PositionOf(subject);

    /// <summary>The subject at <paramref name="position"/>, to build a record version of it with.</summary>
    public SubjectId SubjectAt(int position) => subjects[position];

    /// <summary>Makes room for about <paramref name="versions"/> record versions (a store's estimate of the range's).</summary>
    public void ExpectRecords(long versions) => records.Reserve((int)Math.Clamp(versions, 0, 1 << 24));

    /// <summary>
    /// Keeps a record version, read as its store's bytes, of the subject whose identifier is
    /// <paramref name="subject"/> (UTF-8); dropped when <see cref="Build"/> finds it was not asked for.
    /// </summary>
    public void AddRecord(ReadOnlySpan<byte> subject, in RecordVersionText version) => records.Add(subject, version);

    /// <summary>Keeps a record version, already made, of the subject at <paramref name="position"/>.</summary>
    public void AddRecord(int position, Record record) => records.Add(position, record);

    public void Add(StoredDispute dispute)
    {
        if (PositionOf(dispute.Subject) is >= 0 and var i)
        {
            (disputes[i] ??= []).Add(dispute);
        }
    }

    /// <summary>Keeps a decision read in newest-first order, up to the number asked for per subject.</summary>
    public void Add(Decision decision)
    {
        if (PositionOf(decision.Subject) is >= 0 and var i && (decisions[i] ??= []).Count < decisionsEach)
        {
            decisions[i]!.Add(decision);
        }
    }

    public void Add(RepairApplication repair)
    {
        if (PositionOf(repair.Subject) is >= 0 and var i)
        {
            (repairs[i] ??= []).Add(repair);
        }
    }

    public void Add(ConsentChange consent)
    {
        if (PositionOf(consent.Subject) is >= 0 and var i)
        {
            (consents[i] ??= []).Add(consent);
        }
    }

    public IReadOnlyList<SubjectDossier> Build()
    {
        records.Seal(positions);
        var built = new SubjectDossier[subjects.Count];
        for (var i = 0; i < built.Length; i++)
        {
            built[i] = SubjectDossier.Of(
                subjects[i],
                records,
                i,
                disputes[i] ?? (IReadOnlyList<StoredDispute>)[],
                decisions[i] ?? (IReadOnlyList<Decision>)[],
                repairs[i] ?? (IReadOnlyList<RepairApplication>)[],
                consents[i] ?? (IReadOnlyList<ConsentChange>)[]);
        }

        return built;
    }

    /// <summary>Refuses a run that is not in ascending identifier order (ordinal), or repeats a subject.</summary>
    private static void RequireAscending(IReadOnlyList<SubjectId> subjects)
    {
        for (var i = 1; i < subjects.Count; i++)
        {
            if (string.CompareOrdinal(subjects[i - 1].Value, subjects[i].Value) >= 0)
            {
                throw new ArgumentException($"subjects must be in ascending identifier order without repeats; {subjects[i].Value} follows {subjects[i - 1].Value}", nameof(subjects));
            }
        }
    }
}
