using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Core.Intake;

/// <summary>
/// Reads the due-process events of a records file (<see cref="CaseLine"/>) and applies them, in
/// file order, with Core's dispute state machine (<see cref="Dispute.Respond"/>,
/// <see cref="Dispute.ResolveOverdue"/>, <see cref="Dispute.Escalate"/>, <see cref="Dispute.Decide"/>):
/// an event the registry would refuse is refused here with the same refusal code.
/// </summary>
public static class CaseLineParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>True when the JSON object has an <c>event</c> member, i.e. it is an event and not a record version.</summary>
    public static bool IsEvent(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("event", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses one event line.</summary>
    public static CaseLine? ParseJson(string json, out IntakeProblem? problem)
    {
        problem = null;
        try
        {
            var line = JsonSerializer.Deserialize<CaseLine>(json, Json);
            if (line is null)
            {
                problem = new IntakeProblem("malformed-json", string.Empty, "expected a JSON object, found null");
            }

            return line;
        }
        catch (JsonException ex)
        {
            problem = new IntakeProblem("malformed-json", ex.Path ?? string.Empty, $"malformed JSON{(ex.Path is null ? string.Empty : " at " + ex.Path)}: {ex.Message.Split(". ")[0]}");
            return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="events"/> (in file order, each with its line number) to the disputes and
    /// repairs of the subjects of <paramref name="records"/>. Every bad event is a problem with its
    /// line number; nothing after a bad event of the same dispute is applied.
    /// </summary>
    public static (List<Dispute> Disputes, List<RecordRepair> Repairs, List<(int Line, IntakeProblem Problem)> Problems) Apply(
        IReadOnlyList<Record> records, IEnumerable<(int Line, CaseLine Event)> events, DateTimeOffset now, IdentifierAllowList? allowList = null)
    {
        var disputes = new Dictionary<string, Dispute>(StringComparer.Ordinal);
        var order = new List<string>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var repairs = new List<RecordRepair>();
        var problems = new List<(int, IntakeProblem)>();
        foreach (var (number, e) in events)
        {
            var problem = ApplyOne(e, records, disputes, order, broken, repairs, now, allowList);
            if (problem is not null)
            {
                problems.Add((number, problem));
                if (e.Dispute is { } id)
                {
                    broken.Add(id);
                }
            }
        }

        return ([.. order.Where(id => !broken.Contains(id)).Select(id => disputes[id])], repairs, problems);
    }

    private static IntakeProblem? ApplyOne(
        CaseLine e, IReadOnlyList<Record> records, Dictionary<string, Dispute> disputes, List<string> order, HashSet<string> broken, List<RecordRepair> repairs, DateTimeOffset now, IdentifierAllowList? allowList)
    {
        if (string.IsNullOrWhiteSpace(e.Event))
        {
            return Missing("event");
        }

        if (!RecordLineParser.TryInstant(e.At, "at", out var at, out var problem))
        {
            return problem;
        }

        if (at > now)
        {
            return new IntakeProblem("future-instant", "at", $"at {at:u} is in the future (now {now:u}); events report what has happened");
        }

        switch (e.Event)
        {
            case "dispute.opened":
            case "repair.granted":
                return Opening(e, at, records, disputes, order, repairs, now, allowList);
            case "dispute.answered":
            case "dispute.resolved-for-subject":
            case "dispute.escalated":
            case "dispute.decided":
                if (string.IsNullOrWhiteSpace(e.Dispute))
                {
                    return Missing("dispute");
                }

                if (broken.Contains(e.Dispute))
                {
                    return new IntakeProblem("dispute-refused", "dispute", $"dispute {e.Dispute} has a bad event before this one");
                }

                if (!disputes.TryGetValue(e.Dispute, out var dispute))
                {
                    return new IntakeProblem("not-found", "dispute", $"dispute {e.Dispute} is not opened earlier in the file");
                }

                var next = Step(e, dispute, at, records, out problem);
                if (next is not null)
                {
                    disputes[e.Dispute] = next;
                }

                return problem;
            default:
                return new IntakeProblem("bad-value", "event", $"event '{e.Event}' is not one of dispute.opened, dispute.answered, dispute.resolved-for-subject, dispute.escalated, dispute.decided, repair.granted");
        }
    }

    private static IntakeProblem? Opening(
        CaseLine e, DateTimeOffset at, IReadOnlyList<Record> records, Dictionary<string, Dispute> disputes, List<string> order, List<RecordRepair> repairs, DateTimeOffset now, IdentifierAllowList? allowList)
    {
        var opening = e.Event == "dispute.opened";
        foreach (var (field, value) in new[] { ("subject", e.Subject), ("source", e.Source), ("sourceRecordId", e.SourceRecordId), ("dispute", opening ? e.Dispute : "-") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Missing(field);
            }
        }

        var check = SubjectIdentifiers.Check(e.Subject!, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return new IntakeProblem("invalid-identifier", "subject", $"invalid identifier: {check.Rule}: {check.Reason}");
        }

        var subject = check.Id!.Value;
        var key = new RecordKey(e.Source!, e.SourceRecordId!);
        var latest = records.Where(r => r.Key == key && r.ReportedAt <= at).MaxBy(r => r.Version);
        if (latest is null || latest.Subject != subject)
        {
            // The same answer whether the record is another subject's or not in the file at all.
            return new IntakeProblem("not-found", "sourceRecordId", $"no record {key} of {subject} was reported by {at:u} in the file");
        }

        if (!opening)
        {
            repairs.Add(new RecordRepair(key, at));
            return null;
        }

        if (disputes.ContainsKey(e.Dispute!))
        {
            return new IntakeProblem("bad-value", "dispute", $"dispute {e.Dispute} is opened twice");
        }

        if (!RecordLineParser.TryInstant(e.Due, "due", out var due, out var problem))
        {
            return problem;
        }

        if (due <= at)
        {
            return new IntakeProblem("bad-instant", "due", $"due {due:u} is not after the opening {at:u}");
        }

        if (latest.Action == RecordAction.Withdrawn)
        {
            return new IntakeProblem("dispute-refused", "sourceRecordId", $"record-withdrawn: record {key} was already withdrawn on {latest.ReportedAt:u}");
        }

        if (disputes.Values.Select(d => d.AsOf(at)).FirstOrDefault(d => d is not null && d.Record == key && (d.IsOpen || d.State == DisputeState.Escalated)) is { } open)
        {
            return new IntakeProblem("dispute-refused", "dispute", $"already-disputed: dispute {open.Id} on record {key} is still open");
        }

        disputes[e.Dispute!] = new Dispute(e.Dispute!, subject, key, Reason(e), null, at, due, DisputeState.Open, null, null);
        order.Add(e.Dispute!);
        return null;
    }

    private static Dispute? Step(CaseLine e, Dispute dispute, DateTimeOffset at, IReadOnlyList<Record> records, out IntakeProblem? problem)
    {
        problem = null;
        Outcome<Dispute> outcome;
        switch (e.Event)
        {
            case "dispute.answered":
                DisputeAnswerKind kind;
                switch (e.Answer)
                {
                    case "verify": kind = DisputeAnswerKind.Verify; break;
                    case "correct": kind = DisputeAnswerKind.Correct; break;
                    case "withdraw": kind = DisputeAnswerKind.Withdraw; break;
                    default:
                        problem = new IntakeProblem("bad-value", "answer", $"answer '{e.Answer}' is not one of verify, correct, withdraw");
                        return null;
                }

                var action = kind == DisputeAnswerKind.Correct ? RecordAction.Corrected : RecordAction.Withdrawn;
                var version = kind == DisputeAnswerKind.Verify ? null
                    : records.Where(r => r.Key == dispute.Record && r.Action == action && r.ReportedAt == at).MaxBy(r => r.Version);
                outcome = dispute.Respond(dispute.Source, new DisputeAnswer(kind, Reason(e), version), at);
                break;
            case "dispute.resolved-for-subject":
                outcome = at != dispute.DueAt && dispute.IsOpen
                    ? Outcome.Refuse<Dispute>("not-due", $"a dispute is resolved for the subject exactly at its deadline {dispute.DueAt:u}", dispute.DueAt)
                    : dispute.ResolveOverdue(at);
                break;
            case "dispute.escalated":
                outcome = dispute.Escalate(Reason(e), at);
                break;
            default:
                DisputeFinding finding;
                switch (e.Finding)
                {
                    case "upheld": finding = DisputeFinding.Upheld; break;
                    case "found-wrong": finding = DisputeFinding.FoundWrong; break;
                    default:
                        problem = new IntakeProblem("bad-value", "finding", $"finding '{e.Finding}' is not one of upheld, found-wrong");
                        return null;
                }

                outcome = dispute.Decide("reviewer", finding, Reason(e), at);
                break;
        }

        if (!outcome.IsAccepted)
        {
            problem = new IntakeProblem("dispute-refused", "event", string.Join("; ", outcome.Refusals.Select(r => $"{r.Code}: {r.Text}")));
            return null;
        }

        return outcome.Value;
    }

    private static string Reason(CaseLine e) => string.IsNullOrWhiteSpace(e.Reason) ? $"{e.Event} (no reason in the file)" : e.Reason.Trim();

    private static IntakeProblem Missing(string field) => new("missing-field", field, $"field '{field}' is required");
}
