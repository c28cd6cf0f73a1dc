using Credence.Registry.Access;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// The subject's inbox: its notices ordered by the instant of what each tells (newest first, ties by
/// id), as of the request (the subject's own transitions due by now are acted on first).
/// </summary>
public sealed class NoticeService(IRegistryStore store, TimeProvider clock, AccessRecorder access, StateService state, Core.Identifiers.IdentifierAllowList? allowList = null)
{
    private const string Action = "notices.read";

    /// <summary>A page of the subject's notices, newest first; <paramref name="before"/> is the id of the last notice of the previous page. The read is logged.</summary>
    public async Task<Outcome<IReadOnlyList<StoredNotice>>> ListAsync(Principal subject, int limit, long? before, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (limit is < 1 or > 500)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"limit {limit} is not between 1 and 500", "limit");
        }

        var id = own.Value;
        await state.RefreshSubjectAsync(id, cancellationToken).ConfigureAwait(false);
        await access.RecordAsync(AccessEvent.By(subject, clock.GetUtcNow(), Action, id.Value, "own notices"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.SubjectNotices(id.Value, limit, before ?? long.MaxValue), cancellationToken).ConfigureAwait(false));
    }
}
