using System.Globalization;
using System.Text.Json;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Core.Intake;

/// <summary>
/// Turns the wire form of a record into a <see cref="Record"/>, or says exactly what is wrong with it.
/// Policy-dependent checks (type, area, legal basis, protected matters) are in <c>IntakeRules</c>.
/// </summary>
public static class RecordLineParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses one JSON object.</summary>
    public static RecordLine? ParseJson(string json, out IntakeProblem? problem)
    {
        problem = null;
        try
        {
            var line = JsonSerializer.Deserialize<RecordLine>(json, Json);
            if (line is null)
            {
                problem = new IntakeProblem("malformed-json", string.Empty, "expected a JSON object, found null");
            }

            return line;
        }
        catch (JsonException ex)
        {
            problem = new IntakeProblem("malformed-json", ex.Path ?? string.Empty, $"malformed JSON{(ex.Path is null ? string.Empty : " at " + ex.Path)}: {FirstSentence(ex.Message)}");
            return null;
        }
    }

    /// <summary>
    /// Checks the fields of a line and builds the record version. <paramref name="source"/> and
    /// <paramref name="reportedAt"/>, when given, override the line (intake takes them from the key and
    /// the clock); <paramref name="now"/> bounds every instant: nothing may be in the future.
    /// </summary>
    public static Record? ToRecord(RecordLine line, DateTimeOffset now, out IntakeProblem? problem, string? source = null, DateTimeOffset? reportedAt = null, IdentifierAllowList? allowList = null)
    {
        problem = Characters(line) ?? Missing(line, source);
        if (problem is not null)
        {
            return null;
        }

        var check = SubjectIdentifiers.Check(line.Subject!, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            problem = new IntakeProblem("invalid-identifier", "subject", $"invalid identifier: {check.Rule}: {check.Reason}");
            return null;
        }

        if (!Enum.TryParse<Area>(line.Area, ignoreCase: true, out var area) || !Enum.IsDefined(area) || int.TryParse(line.Area, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            problem = new IntakeProblem("bad-value", "area", $"area '{line.Area}' is not one of administrative, commercial, social, judicial");
            return null;
        }

        if (!TryInstant(line.Occurred, "occurred", out var occurred, out problem))
        {
            return null;
        }

        var reported = reportedAt ?? occurred;
        if (reportedAt is null && line.Reported is not null && !TryInstant(line.Reported, "reported", out reported, out problem))
        {
            return null;
        }

        if (Existed(check.Id!.Value) is var since && (occurred < since || reported < since))
        {
            var field = occurred < since ? "occurred" : "reported";
            var what = check.Id.Value.BirthDate is null ? "the founding of the People's Republic (1949-10-01), the earliest an organisation code can be about" : "the subject's birth";
            problem = new IntakeProblem("before-subject-existed", field, $"{field} {(occurred < since ? occurred : reported):u} is before {what} ({since:yyyy-MM-dd}); a record is about what its subject did");
            return null;
        }

        if (occurred > now || reported > now)
        {
            problem = new IntakeProblem("future-instant", occurred > now ? "occurred" : "reported", $"{(occurred > now ? "occurred" : "reported")} {(occurred > now ? occurred : reported):u} is in the future (now {now:u}); records report facts that have happened");
            return null;
        }

        if (occurred > reported)
        {
            problem = new IntakeProblem("bad-instant", "occurred", $"occurred {occurred:u} is after reported {reported:u}");
            return null;
        }

        var action = RecordAction.Submitted;
        if (line.Action is not null && (!Enum.TryParse(line.Action, ignoreCase: true, out action) || !Enum.IsDefined(action) || int.TryParse(line.Action, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            problem = new IntakeProblem("bad-value", "action", $"action '{line.Action}' is not one of submitted, corrected, withdrawn");
            return null;
        }

        var version = line.Version ?? 1;
        if (version < 1 || (version == 1) != (action == RecordAction.Submitted))
        {
            problem = new IntakeProblem("bad-value", "version", $"version {version} does not fit action {action.ToString().ToLowerInvariant()}: version 1 is the submission, later versions correct or withdraw");
            return null;
        }

        if (line.Quantity is < 0)
        {
            problem = new IntakeProblem("bad-value", "quantity", "quantity may not be negative");
            return null;
        }

        return new Record(
            new RecordKey(source ?? line.Source!, line.SourceRecordId!),
            version,
            action,
            check.Id!.Value,
            line.Type!,
            area,
            occurred,
            reported,
            string.IsNullOrWhiteSpace(line.LegalBasis) ? null : line.LegalBasis.Trim(),
            line.Quantity,
            line.Note);
    }

    /// <summary>
    /// The first instant a record about <paramref name="subject"/> may be dated: a person's birth
    /// (midnight UTC, as for the minimum age); for an organisation, 1949-10-01, before which no
    /// body a Unified Social Credit Code names could have acted under the registry's law.
    /// </summary>
    public static DateTimeOffset Existed(SubjectId subject) =>
        subject.BirthDate is { } born
            ? new DateTimeOffset(born.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : OrganisationsFrom;

    private static readonly DateTimeOffset OrganisationsFrom = new(1949, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static IntakeProblem? Characters(RecordLine line) =>
        FieldText.Check("subject", line.Subject)
        ?? FieldText.Check("type", line.Type)
        ?? FieldText.Check("area", line.Area)
        ?? FieldText.Check("occurred", line.Occurred)
        ?? FieldText.Check("reported", line.Reported)
        ?? FieldText.Check("source", line.Source)
        ?? FieldText.Check("sourceRecordId", line.SourceRecordId)
        ?? FieldText.Check("legalBasis", line.LegalBasis)
        ?? FieldText.Check("action", line.Action)
        ?? FieldText.Check("note", line.Note, freeText: true);

    private static IntakeProblem? Missing(RecordLine line, string? source)
    {
        (string Field, string? Value)[] required =
        [
            ("subject", line.Subject), ("type", line.Type), ("area", line.Area), ("occurred", line.Occurred),
            ("source", source ?? line.Source), ("sourceRecordId", line.SourceRecordId),
        ];
        foreach (var (field, value) in required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return new IntakeProblem("missing-field", field, $"field '{field}' is required");
            }
        }

        return null;
    }

    private static bool TryInstant(string? text, string field, out DateTimeOffset instant, out IntakeProblem? problem)
    {
        problem = null;
        if (text is not null && text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant))
        {
            instant = instant.ToUniversalTime();
            return true;
        }

        instant = default;
        problem = new IntakeProblem("bad-instant", field, $"{field} '{text}' is not an ISO 8601 instant with an offset, e.g. 2025-03-01T08:00:00Z");
        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
