using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Sharing;

namespace Credence.Registry.Disclosure;

/// <summary>"Who read my file": every logged read of and write to the subject's file, a page at a time.</summary>
/// <remarks>
/// Implementation note: the same four sources as the file's and the disclosure's access log (access events
/// about the subject, record versions, decisions and case steps), so that a subject sees exactly what its
/// disclosure holds: every event logged with the subject as the one it is about, whoever logged it, and
/// nothing about anyone else. A reader is named by its principal's name and kind (its role), never a key;
/// the registry's own steps (a deadline) and the public are <see cref="ReaderKind.Registry"/>. A share-code
/// use is named by its share: its id is in the event's detail (<c>share 12: ...</c>, written by
/// <see cref="ShareService"/>), and the share's purpose is the one the subject gave it.
/// </remarks>
public sealed partial class DisclosureService
{
    /// <summary>The access log action of reading one's own reads (it is itself one of them).</summary>
    public const string ReadsAction = "reads.read";

    /// <summary>The largest page.</summary>
    public const int MaxReadsPageSize = 200;

    /// <summary>
    /// A page of the reads of the subject a subject key is bound to, newest first (ties: the later logged
    /// first), of one kind of reader or all; logged as <c>reads.read</c> before it is assembled, so the
    /// first page shows this read.
    /// </summary>
    public async Task<Outcome<FileReadsPage>> ReadsAsync(Principal subject, ReaderKind? kind, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, ReadsAction, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (kind is { } k && !Enum.IsDefined(k))
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"there is no kind of reader {k}", "kind");
        }

        var now = clock.GetUtcNow();
        var id = own.Value.Value;
        await access.RecordAsync(AccessEvent.By(subject, now, ReadsAction, id, "own reads", detail: kind is null ? null : "kind " + kind), cancellationToken).ConfigureAwait(false);
        var (events, records, decisions, steps, shares, actors) = await store.ReadAsync(r =>
        {
            var caseSteps = r.SubjectCaseSteps(id, Everything);
            return (r.SubjectAccess(id, Everything), r.SubjectRecords(own.Value), r.SubjectDecisions(id, Everything), caseSteps, r.SubjectShares(id), CaseActors.Roles(r, caseSteps));
        }, cancellationToken).ConfigureAwait(false);

        var all = Reads(events, records, decisions, steps, shares, actors);
        var counts = all.GroupBy(e => e.Kind).ToImmutableDictionary(g => g.Key, g => g.Count());
        var chosen = kind is null ? all : [.. all.Where(e => e.Kind == kind)];
        pageSize = Math.Clamp(pageSize, 1, MaxReadsPageSize);
        var pages = Math.Max(1, (chosen.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        return new FileReadsPage(own.Value, now, kind, page, pageSize, chosen.Count, [.. chosen.Skip((page - 1) * pageSize).Take(pageSize)], counts);
    }

    /// <summary>Everything logged about the subject, newest first.</summary>
    internal static List<FileRead> Reads(
        IReadOnlyList<AccessEvent> events,
        IReadOnlyList<Record> records,
        IReadOnlyList<Decision> decisions,
        IReadOnlyList<CaseStep> steps,
        IReadOnlyList<Share> shares,
        IReadOnlyDictionary<string, Role?> actorRoles)
    {
        var purposes = shares.ToDictionary(s => s.Id, s => s.Purpose);
        var reads = new List<(FileRead Read, int Order)>();
        foreach (var e in events.OrderBy(e => e.Id))
        {
            long? share = e.Action == ShareService.UseAction && ShareInDetail().Match(e.Detail ?? string.Empty) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                : null;
            reads.Add((new FileRead(e.At, e.Principal, KindOf(e.Role), e.Action, e.Purpose, null, null, null, null,
                share, share is { } s && purposes.TryGetValue(s, out var p) ? p : null, e.Outcome, e.Detail), reads.Count));
        }

        foreach (var r in records)
        {
            reads.Add((new FileRead(r.ReportedAt, r.Key.Source, ReaderKind.Source, "record." + r.Action.ToString().ToLowerInvariant(), null, null, null,
                r.Key.ToString(), r.Type, null, null, AccessOutcome.Ok, $"{r.Key} version {r.Version}: {r.Type}"), reads.Count));
        }

        foreach (var d in decisions)
        {
            reads.Add((new FileRead(d.DecidedAt, d.RelyingParty, ReaderKind.RelyingParty, "decision", d.Purpose, d.Capability, d.Allowed, null, null, null, null,
                AccessOutcome.Ok, $"{d.Capability} {(d.Allowed ? "allowed" : "denied")} under {d.PolicyVersion} (decision {d.Id})"), reads.Count));
        }

        foreach (var s in steps)
        {
            var kind = s.ActorId is null ? ReaderKind.Registry : actorRoles.TryGetValue(s.Actor, out var role) && role is { } known ? KindOf(known) : ReaderKind.Registry;
            reads.Add((new FileRead(s.At, s.Actor, kind, $"{s.CaseKind}.{s.Step}", null, null, null, s.Record, null, null, null,
                AccessOutcome.Ok, $"{s.CaseKind} {s.CaseId} on record {s.Record}"), reads.Count));
        }

        return [.. reads.OrderByDescending(r => r.Read.At).ThenByDescending(r => r.Order).Select(r => r.Read)];
    }

    private static ReaderKind KindOf(string? role) => Roles.TryParse(role, out var parsed) ? KindOf(parsed) : ReaderKind.Registry;

    private static ReaderKind KindOf(Role role) => role switch
    {
        Role.Subject => ReaderKind.Subject,
        Role.RelyingParty => ReaderKind.RelyingParty,
        Role.Source => ReaderKind.Source,
        Role.Reviewer => ReaderKind.Reviewer,
        Role.Auditor => ReaderKind.Auditor,
        _ => ReaderKind.Operator,
    };

    [GeneratedRegex(@"^share (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShareInDetail();
}
