using System.Text.Json;
using Credence.App.Http.Documents;
using Credence.App.Output;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.App.Cli;

/// <summary>
/// A subject's free disclosure (<c>GET /v1/me/disclosure</c>) read back as the offline scorer's
/// input: the facts that decide its outcomes (record versions, disputes, repairs, consent changes),
/// the decisions it received, and the policy versions it names with their digests. Everything else
/// in the file (notices, access log, the registry's own assessment) is not input and is ignored.
/// </summary>
/// <remarks>
/// Implementation note: the members are read with the very document types the registry writes
/// (<see cref="RecordDocument"/>, <see cref="DisputeDocument"/>, <see cref="RepairDocument"/>,
/// <see cref="ConsentChangeDocument"/>), so the format cannot drift between writer and reader.
/// </remarks>
internal sealed record DisclosureFile(
    SubjectHistory History,
    DateTimeOffset AsOf,
    IReadOnlyList<DisclosureFile.RecordedDecision> Decisions,
    DisclosureFile.NamedPolicy? Policy,
    IReadOnlyList<DisclosureFile.NamedPolicy> Policies)
{
    /// <summary>Reads a disclosure; the problem says what is wrong with it when it cannot be read.</summary>
    public static DisclosureFile? Parse(string json, DateTimeOffset now, out string? problem)
    {
        problem = null;
        Input? input;
        try
        {
            input = JsonSerializer.Deserialize<Input>(json, CredenceJson.Options);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // Implementation note: a member of the wrong shape for its type (an enum number, an object for a list) can surface here rather than as JsonException.
            problem = $"malformed-json: not a disclosure: {e.Message.Split(". ")[0]}";
            return null;
        }
        catch (JsonException e)
        {
            problem = $"malformed-json: not a disclosure{(e.Path is null ? string.Empty : " at " + e.Path)}: {e.Message.Split(". ")[0]}";
            return null;
        }

        if (input?.Subject is null || input.AsOf is not { } asOf || input.Records is null)
        {
            problem = "missing-field: a disclosure has subject, asOf and records";
            return null;
        }

        var check = SubjectIdentifiers.Check(input.Subject, DateOnly.FromDateTime(now.UtcDateTime));
        if (!check.IsValid)
        {
            problem = $"invalid-identifier: invalid identifier: {check.Rule}: {check.Reason}";
            return null;
        }

        if (asOf > now)
        {
            problem = $"future-instant: the file's instant {asOf:u} is in the future (now {now:u})";
            return null;
        }

        if (MissingMember(input) is { } missing)
        {
            problem = $"missing-field: {missing}";
            return null;
        }

        var subject = check.Id!.Value;
        try
        {
            var history = new SubjectHistory(
                subject,
                input.Records.Select(r => new Record(new RecordKey(r.Source, r.SourceRecordId), r.Version, r.Action, subject, r.Type, r.Area, r.Occurred, r.Reported, r.LegalBasis, r.Quantity, r.Note)),
                (input.Disputes ?? []).Select(d => ToDispute(subject, d)),
                (input.Repairs ?? []).Where(r => r.EffectiveAt is not null).Select(r => new RecordRepair(new RecordKey(r.Source, r.SourceRecordId), r.EffectiveAt!.Value)),
                (input.Consent ?? []).Select(c => new ConsentStep(c.At, c.Given)));
            return new DisclosureFile(history, asOf, input.Decisions ?? [], input.Policy, input.Policies ?? []);
        }
        catch (ArgumentException e)
        {
            problem = $"bad-value: {e.Message}";
            return null;
        }
    }

    /// <summary>The first member a fact of the file lacks, if any (the document types are not nullable, but JSON may leave anything out).</summary>
    private static string? MissingMember(Input input)
    {
        for (var i = 0; i < input.Records!.Count; i++)
        {
            var r = input.Records[i];
            if (r is null || r.Source is null || r.SourceRecordId is null || r.Type is null || r.Version < 1 || r.Action == default || r.Area == default || r.Occurred == default || r.Reported == default)
            {
                return $"records[{i}] needs source, sourceRecordId, version, action, type, area, occurred and reported";
            }
        }

        for (var i = 0; i < (input.Disputes?.Count ?? 0); i++)
        {
            var d = input.Disputes![i];
            if (d is null || d.Id is null || d.Source is null || d.SourceRecordId is null || d.State == default || d.OpenedAt == default || d.DueAt == default)
            {
                return $"disputes[{i}] needs id, source, sourceRecordId, state, openedAt and dueAt";
            }
        }

        for (var i = 0; i < (input.Repairs?.Count ?? 0); i++)
        {
            var r = input.Repairs![i];
            if (r is null || (r.EffectiveAt is not null && (r.Source is null || r.SourceRecordId is null)))
            {
                return $"repairs[{i}] needs source and sourceRecordId";
            }
        }

        for (var i = 0; i < (input.Decisions?.Count ?? 0); i++)
        {
            var d = input.Decisions![i];
            if (d is null || d.Capability is null || d.PolicyVersion is null || d.DecidedAt == default)
            {
                return $"decisions[{i}] needs capability, policyVersion and decidedAt";
            }
        }

        return input.Consent?.Any(c => c is null) == true ? "consent needs given and at" : null;
    }

    /// <summary>The version the file says governed at <paramref name="at"/>, if its periods say.</summary>
    public NamedPolicy? GoverningAt(DateTimeOffset at) =>
        Policies.FirstOrDefault(p => p.Tag is not null && p.Periods is not null && p.Periods.Any(x => x is not null && x.From <= at && (x.To is not { } to || at < to)));

    /// <summary>The digest the file names for <paramref name="tag"/>, if it names one.</summary>
    public string? DigestOf(string tag) =>
        Policy is { } p && p.Tag == tag ? p.Digest : Policies.FirstOrDefault(p => p.Tag == tag)?.Digest;

    private static Dispute ToDispute(SubjectId subject, DisputeDocument d) => new(
        d.Id,
        subject,
        new RecordKey(d.Source, d.SourceRecordId),
        d.Reason,
        d.Evidence,
        d.OpenedAt,
        d.DueAt,
        d.State,
        d.Answer is { } kind ? new DisputeAnswer(kind, d.AnswerReason ?? string.Empty) : null,
        d.ClosedAt,
        d.EscalatedAt is { } at ? new DisputeEscalation(d.EscalationReason ?? string.Empty, at, d.Reviewer, d.Finding, d.FindingReason, d.DecidedAt) : null);

    /// <summary>A decision as the file records it: what was asked, when, under which policy, and the answer given.</summary>
    internal sealed record RecordedDecision(Guid DecisionId, string Measure, string Capability, bool Allowed, IReadOnlyList<RecordedReason>? Reasons, string PolicyVersion, DateTimeOffset DecidedAt, string RelyingParty);

    /// <summary>A decision's reason code.</summary>
    internal sealed record RecordedReason(string Code);

    /// <summary>A policy version the file names, with the digest of its exact text, where it is served and when it governed.</summary>
    internal sealed record NamedPolicy(string Tag, string? Digest, string? Text, IReadOnlyList<NamedPeriod>? Periods);

    /// <summary>A period in which a named version governed.</summary>
    internal sealed record NamedPeriod(DateTimeOffset From, DateTimeOffset? To);

    private sealed record Input(
        string? Subject,
        DateTimeOffset? AsOf,
        List<RecordDocument>? Records,
        List<DisputeDocument>? Disputes,
        List<RepairDocument>? Repairs,
        List<ConsentChangeDocument>? Consent,
        List<RecordedDecision>? Decisions,
        NamedPolicy? Policy,
        List<NamedPolicy>? Policies);
}
