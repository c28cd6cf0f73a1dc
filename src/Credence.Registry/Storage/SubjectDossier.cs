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
/// <param name="Case">The record versions in the file's order, every dispute the subject opened (oldest first) and its granted repairs, in application order.</param>
/// <param name="Decisions">The latest decisions about the subject, newest first, at most as many as were asked for.</param>
/// <param name="Repairs">Every repair application of the subject, granted or not, oldest first.</param>
/// <param name="Consents">Every consent change of the subject, oldest first.</param>
public sealed record SubjectDossier(
    SubjectId Subject,
    SubjectCaseRows Case,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<RepairApplication> Repairs,
    IReadOnlyList<ConsentChange> Consents)
{
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

    /// <summary>The dossier assembled from one subject's rows, each list in the order its own query gives.</summary>
    internal static SubjectDossier Of(SubjectId subject, IReadOnlyList<Record> records, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<Decision> decisions, IReadOnlyList<RepairApplication> repairs, IReadOnlyList<ConsentChange> consents) =>
        new(subject, new SubjectCaseRows(records, disputes, [.. repairs.Select(r => r.Repair).OfType<RecordRepair>()]), decisions, repairs, consents);
}
