using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Storage;

/// <summary>
/// Everything a pass over the whole population (a simulation, a fairness report) reads of one
/// subject: the rows its file is built from, its latest decisions, its repair applications and its
/// consent changes, read in the same snapshot (see <see cref="IRegistryReader.Dossiers"/>).
/// </summary>
/// <remarks>
/// Implementation note: the record versions are not held as objects but packed with the run's others
/// (<see cref="PackedRecords"/>), and <see cref="ReadCase"/> makes them each time it is called, so a
/// pass holds a subject's records only while it builds and scores that subject's file. A caller that
/// needs the case twice keeps what the first call gave.
/// </remarks>
public sealed class SubjectDossier
{
    private readonly PackedRecords records;
    private readonly int position;
    private readonly IReadOnlyList<StoredDispute> disputes;
    private readonly IReadOnlyList<RecordRepair> grantedRepairs;

    private SubjectDossier(SubjectId subject, PackedRecords records, int position, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<Decision> decisions, IReadOnlyList<RepairApplication> repairs, IReadOnlyList<ConsentChange> consents)
    {
        Subject = subject;
        this.records = records;
        this.position = position;
        this.disputes = disputes;
        grantedRepairs = [.. repairs.Select(r => r.Repair).OfType<RecordRepair>()];
        Decisions = decisions;
        Repairs = repairs;
        Consents = consents;
    }

    public SubjectId Subject { get; }

    /// <summary>The latest decisions about the subject, newest first, at most as many as were asked for.</summary>
    public IReadOnlyList<Decision> Decisions { get; }

    /// <summary>Every repair application of the subject, granted or not, oldest first.</summary>
    public IReadOnlyList<RepairApplication> Repairs { get; }

    /// <summary>Every consent change of the subject, oldest first.</summary>
    public IReadOnlyList<ConsentChange> Consents { get; }

    /// <summary>How many record versions the subject has (without making them).</summary>
    public int RecordVersions => records.CountOf(position);

    /// <summary>
    /// The record versions in the file's order, every dispute the subject opened (oldest first) and its
    /// granted repairs, in application order; the records are made anew at each call.
    /// </summary>
    public SubjectCaseRows ReadCase() => new(records.Of(position, Subject), disputes, grantedRepairs);

    /// <summary>The consent in force at <paramref name="at"/>, as <see cref="IRegistryReader.ConsentAt"/> answers it: the latest change at or before it; false when there is none.</summary>
    public bool ConsentAt(DateTimeOffset at)
    {
        for (var i = Consents.Count - 1; i >= 0; i--)
        {
            if (Consents[i].At <= at)
            {
                return Consents[i].Given;
            }
        }

        return false;
    }

    /// <summary>The dossier of the subject at <paramref name="position"/> of a run whose versions are packed in <paramref name="records"/> (sealed), the other lists in the order the subject's own queries give.</summary>
    internal static SubjectDossier Of(SubjectId subject, PackedRecords records, int position, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<Decision> decisions, IReadOnlyList<RepairApplication> repairs, IReadOnlyList<ConsentChange> consents) =>
        new(subject, records, position, disputes, decisions, repairs, consents);
}
