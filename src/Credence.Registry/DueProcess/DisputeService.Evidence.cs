using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.DueProcess.Evidence;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// A dispute's evidence files: sent by its subject with the dispute or while it waits for an answer
/// or a review, read by the subject, by the record's source and by reviewers.
/// </summary>
/// <remarks>
/// Implementation note: who may read follows who may see the dispute. A subject sees only its own
/// disputes and a source only those of its records; any other dispute answers exactly as one that does
/// not exist (<c>not-found</c>, the same text), so that neither learns of disputes that are not theirs.
/// Reviewers read the evidence of any dispute (they decide escalated ones), logged with the purpose
/// <c>dispute review</c>. Every read and download is logged on the subject; each stored file's SHA-256
/// is in the ledgered case step that stored it (<c>opened</c> or <c>evidence-added</c>).
/// </remarks>
public sealed partial class DisputeService
{
    /// <summary>The access action of listing or downloading a dispute's evidence.</summary>
    public const string EvidenceReadAction = "dispute.evidence.read";

    /// <summary>The access action (and case step <c>evidence-added</c>) of adding evidence to an open dispute.</summary>
    public const string EvidenceAddAction = "dispute.evidence.add";

    /// <summary>Adds an evidence file to one of the subject's disputes while it waits for its source's answer or a reviewer.</summary>
    public async Task<Outcome<StoredEvidence>> AddEvidenceAsync(Principal subject, string disputeId, EvidenceUpload file, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, EvidenceAddAction, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (OutsideText.Identifier("disputeId", disputeId) is { } unreadable)
        {
            return unreadable;
        }

        var checkedFile = EvidenceRules.Check(file);
        if (!checkedFile.IsOk)
        {
            return checkedFile.Problem;
        }

        var id = own.Value;
        return await store.WriteAsync<Outcome<StoredEvidence>>(w =>
        {
            var now = w.Now;
            if (w.FindDispute(disputeId) is not { } dispute || dispute.Subject != id.Value)
            {
                return Refuse(w, subject, EvidenceAddAction, id.Value, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId}"));
            }

            if (!dispute.TakesEvidence)
            {
                return Refuse(w, subject, EvidenceAddAction, id.Value, now, RegistryProblem.Refused(ProblemTypes.DisputeRefused, "the evidence was not added",
                    [new Refusal("dispute-closed", "the dispute is closed: evidence is added while the source must still answer or a reviewer decides")]));
            }

            var held = w.DisputeEvidence(dispute.Id).Count;
            if (held >= EvidenceRules.MaxFiles)
            {
                return Refuse(w, subject, EvidenceAddAction, id.Value, now, TooMany(held, 1));
            }

            var detail = CaseWork.Detail();
            var stored = StoreEvidence(w, dispute.Id, [checkedFile.Value], held, now, subject, detail);
            CaseWork.Step(w, now, dispute.Id, CaseStep.Dispute, "evidence-added", subject, id.Value, dispute.Record, detail);
            return stored[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A dispute's evidence files (without their bytes), for its subject, its record's source or a reviewer; the read is logged.</summary>
    public async Task<Outcome<IReadOnlyList<StoredEvidence>>> EvidenceAsync(Principal reader, string disputeId, CancellationToken cancellationToken = default)
    {
        var dispute = await VisibleDisputeAsync(reader, disputeId, cancellationToken).ConfigureAwait(false);
        if (!dispute.IsOk)
        {
            return dispute.Problem;
        }

        var d = dispute.Value;
        await access.RecordAsync(AccessEvent.By(reader, clock.GetUtcNow(), EvidenceReadAction, d.Subject, PurposeOf(reader), detail: $"the evidence of dispute {d.Id}"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.DisputeEvidence(d.Id), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One evidence file with its bytes, for the dispute's subject, its record's source or a reviewer; the download is logged with the file's SHA-256.</summary>
    public async Task<Outcome<EvidenceFile>> DownloadEvidenceAsync(Principal reader, string disputeId, int number, CancellationToken cancellationToken = default)
    {
        var dispute = await VisibleDisputeAsync(reader, disputeId, cancellationToken).ConfigureAwait(false);
        if (!dispute.IsOk)
        {
            return dispute.Problem;
        }

        var d = dispute.Value;
        var (evidence, content) = await store.ReadAsync(r => (r.DisputeEvidence(d.Id).FirstOrDefault(e => e.Number == number), r.EvidenceContent(d.Id, number)), cancellationToken).ConfigureAwait(false);
        if (evidence is null || content is null)
        {
            return await access.RefuseAsync(reader, EvidenceReadAction, d.Subject,
                new RegistryProblem(ProblemTypes.NotFound, string.Create(CultureInfo.InvariantCulture, $"dispute {d.Id} has no evidence file {number}")), cancellationToken).ConfigureAwait(false);
        }

        await access.RecordAsync(AccessEvent.By(reader, clock.GetUtcNow(), EvidenceReadAction, d.Subject, PurposeOf(reader),
            detail: $"evidence file {number} of dispute {d.Id} (sha256:{evidence.Sha256})"), cancellationToken).ConfigureAwait(false);
        return new EvidenceFile(evidence, content);
    }

    /// <summary>The dispute when <paramref name="reader"/> may see it; any other answers as one that does not exist (logged).</summary>
    private async Task<Outcome<StoredDispute>> VisibleDisputeAsync(Principal reader, string disputeId, CancellationToken cancellationToken)
    {
        if (await access.RequireAsync(reader, EvidenceReadAction, null, cancellationToken, Role.Subject, Role.Source, Role.Reviewer).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.Identifier("disputeId", disputeId) is { } unreadable)
        {
            return unreadable;
        }

        var dispute = await store.ReadAsync(r => r.FindDispute(disputeId), cancellationToken).ConfigureAwait(false);
        var visible = dispute is not null && reader.Role switch
        {
            Role.Subject => reader.Subject == dispute.Subject,
            Role.Source => reader.Name == dispute.Source,
            _ => true,
        };
        if (!visible)
        {
            // Logged on the subject when the dispute exists: someone looked at its dispute and was refused.
            return await access.RefuseAsync(reader, EvidenceReadAction, dispute?.Subject, new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId}"), cancellationToken).ConfigureAwait(false);
        }

        return dispute!;
    }

    private static string PurposeOf(Principal reader) => reader.Role switch
    {
        Role.Subject => "own dispute",
        Role.Source => "answering a dispute",
        _ => "dispute review",
    };

    /// <summary>Checks every file (and their number) before anything is stored.</summary>
    private static Outcome<ImmutableArray<CheckedEvidence>> CheckEvidence(IReadOnlyList<EvidenceUpload> files, int already)
    {
        if (already + files.Count > EvidenceRules.MaxFiles)
        {
            return TooMany(already, files.Count);
        }

        var result = ImmutableArray.CreateBuilder<CheckedEvidence>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var one = EvidenceRules.Check(files[i], files.Count == 1 ? "evidence" : string.Create(CultureInfo.InvariantCulture, $"evidence[{i}]"));
            if (!one.IsOk)
            {
                return one.Problem;
            }

            result.Add(one.Value);
        }

        return result.ToImmutable();
    }

    private static RegistryProblem TooMany(int held, int sent) =>
        new(ProblemTypes.EvidenceTooMany,
            string.Create(CultureInfo.InvariantCulture, $"a dispute holds at most {EvidenceRules.MaxFiles} evidence files; it holds {held} and {sent} more were sent"), "evidence");

    /// <summary>Stores checked files numbered after <paramref name="held"/>, writing each one's number, SHA-256, type, size and name into the step's <paramref name="detail"/>.</summary>
    private static List<StoredEvidence> StoreEvidence(IRegistryWriter writer, string disputeId, IReadOnlyList<CheckedEvidence> files, int held, DateTimeOffset now, Principal by, SortedDictionary<string, string> detail)
    {
        var stored = new List<StoredEvidence>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var number = held + i + 1;
            var evidence = files[i].Stored(disputeId, number, now, by.Name);
            writer.InsertEvidence(evidence, files[i].Content);
            detail[string.Create(CultureInfo.InvariantCulture, $"evidenceFile{number}")] = files[i].LedgerText(number);
            stored.Add(evidence);
        }

        return stored;
    }
}
