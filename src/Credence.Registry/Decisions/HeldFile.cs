using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.Decisions;

/// <summary>
/// A subject's file as a holder keeps it in memory between decisions (the server's subject grain): the
/// file built from the store and, once a decision compiled it, its facts under the policy it was compiled
/// against. Immutable: a decision returns the one to keep next.
/// </summary>
/// <param name="File">The file as <see cref="SubjectFiles.LoadAsOf"/> builds it, with the flags of its disputes and repairs.</param>
/// <param name="LastsUntil">The first deadline of a dispute still open in it: from then on the file must be read again (the overdue dispute is resolved for the subject), so it is not used at or after it.</param>
/// <param name="Facts">The file compiled against the policy it names (<see cref="SubjectFacts.Policy"/>), or null before the first decision.</param>
/// <remarks>
/// Implementation note: everything here is time-free (the engine takes the instant when it evaluates), so
/// it stays right until the file changes or an open dispute's deadline comes. Whether it changed is the
/// store writer's answer inside the unit that would use it (<see cref="Stamp"/>), never the holder's: a
/// write told to the holder (<see cref="Subjects.SubjectChanges"/>) only makes it drop the file sooner. Consent is not kept: it is dated by the clock of whichever registry
/// took it, so a decision reads it with its unit of work (one indexed row, and only under a policy that
/// needs it).
/// </remarks>
public sealed record HeldFile(SubjectFile File, DateTimeOffset? LastsUntil, SubjectFacts? Facts)
{
    /// <summary>
    /// Where the store's writer stood when the file was read (<see cref="Storage.IRegistryWriter.FileStamp"/>): a
    /// unit of work answers from the file only if the writer finds the subject unchanged since
    /// (<see cref="Storage.IRegistryWriter.FileUnchangedSince"/>). A file read outside a writer's unit has the
    /// default stamp, which no writer takes.
    /// </summary>
    public Storage.FileStamp Stamp { get; init; }

    /// <summary>Whether the file may answer as of <paramref name="at"/>: no open dispute of it is due by then.</summary>
    public bool LastsAt(DateTimeOffset at) => LastsUntil is not { } until || at < until;

    /// <summary>The facts under <paramref name="policy"/>, compiled now unless already held; with the file to hold next.</summary>
    internal (SubjectFacts Facts, HeldFile Next) FactsUnder(ActivePolicy policy)
    {
        if (Facts is { } facts && ReferenceEquals(facts.Policy, policy.Compiled))
        {
            return (facts, this);
        }

        var compiled = SubjectFacts.Compile(policy.Compiled, File);
        return (compiled, this with { Facts = compiled });
    }

    /// <summary>
    /// The file of <paramref name="subject"/> as a unit of work at <paramref name="asOf"/> must see it:
    /// <paramref name="held"/> when it lasts then and the writer finds the subject unchanged since it was read
    /// (<see cref="Storage.IRegistryWriter.FileUnchangedSince"/>), otherwise read again (<see cref="Load"/>);
    /// with the file to hold next (null: hold nothing).
    /// </summary>
    /// <remarks>
    /// Implementation note: the one place a held file is trusted, for every use case that answers from one (a
    /// decision, a file read): the writer's answer is exact because no other unit commits while this one runs.
    /// </remarks>
    internal static (SubjectFile File, HeldFile? Held) Current(IRegistryWriter writer, Core.Identifiers.SubjectId subject, DateTimeOffset asOf, HeldFile? held) =>
        held is not null && held.File.Subject == subject && held.LastsAt(asOf) && writer.FileUnchangedSince(subject, held.Stamp)
            ? (held.File, held)
            : Load(writer, subject, asOf);

    /// <summary>
    /// Reads the file of <paramref name="subject"/> as a decision at <paramref name="asOf"/> sees it; held
    /// only when no open dispute is due by then (otherwise the file is the one <see cref="SubjectFiles.LoadAsOf"/>
    /// works out for the instant, and the next decision reads it again).
    /// </summary>
    internal static (SubjectFile File, HeldFile? Held) Load(IRegistryReader reader, Core.Identifiers.SubjectId subject, DateTimeOffset asOf)
    {
        // Taken before the read: a change the unit makes after it has a later position.
        var stamp = reader is IRegistryWriter writer ? writer.FileStamp : default;
        var (file, firstDue) = SubjectFiles.LoadHeld(reader, subject, asOf);
        return (file, firstDue is { } due && due <= asOf ? null : new HeldFile(file, firstDue, null) { Stamp = stamp });
    }
}
