using Orleans;

namespace Credence.App.Grains;

/// <summary>
/// One subject of the registry, keyed by its canonical identifier: the one place in the cluster that answers
/// relying parties' decisions about the subject and reads of its file (see <see cref="SubjectGrain"/>).
/// </summary>
internal interface ISubjectGrain : IGrainWithStringKey
{
    /// <summary>Decides for the relying party, exactly as <see cref="Registry.Decisions.DecisionService"/> does; stored and ledgered before it returns.</summary>
    Task<DecisionReply> Decide(DecisionAsk ask, CancellationToken cancellationToken = default);

    /// <summary>Reads the subject's file, exactly as <see cref="Registry.Subjects.SubjectFileService"/> does; the read is logged and ledgered before it returns.</summary>
    Task<FileReadReply> ReadFile(FileReadAsk ask, CancellationToken cancellationToken = default);
}
