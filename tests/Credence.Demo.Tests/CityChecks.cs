using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Records;

namespace Credence.Demo.Tests;

/// <summary>
/// Every rule a city's records must keep, checked record by record; returns what is broken (at most
/// a few, each with the record), so a failing test says which record and why.
/// </summary>
internal static class CityChecks
{
    public static List<string> Problems(City city, IEnumerable<CityRecord> records, int most = 10)
    {
        var problems = new List<string>();
        var firstVersions = new Dictionary<(string Source, string Id), Record>();
        var revised = new HashSet<(string Source, string Id)>();
        var sourceTypes = city.Sources.ToDictionary(s => s.Id, s => s.RecordTypes.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var lastReported = DateTimeOffset.MinValue;
        foreach (var (sourceId, line) in records)
        {
            if (problems.Count >= most)
            {
                break;
            }

            string? problem = Check(city, sourceId, line, sourceTypes, firstVersions, revised, ref lastReported);
            if (problem is not null)
            {
                problems.Add($"{problem}: {line}");
            }
        }

        return problems;
    }

    private static string? Check(City city, string sourceId, RecordLine line, Dictionary<string, HashSet<string>> sourceTypes,
        Dictionary<(string, string), Record> firstVersions, HashSet<(string, string)> revised, ref DateTimeOffset lastReported)
    {
        if (line.Source != sourceId)
        {
            return $"source {line.Source} differs from the submitting source {sourceId}";
        }

        var record = RecordLineParser.ToRecord(line, city.End, out var intake);
        if (record is null)
        {
            return $"does not parse: {intake}";
        }

        if (record.ReportedAt < lastReported)
        {
            return $"reported {record.ReportedAt:u} before the previous record's {lastReported:u}";
        }

        lastReported = record.ReportedAt;
        if (record.OccurredAt < city.Start || record.ReportedAt > city.End)
        {
            return $"outside [{city.Start:u}, {city.End:u}]";
        }

        if (!Expected.TypesFor(record.Subject.Kind).TryGetValue(record.Type, out var area))
        {
            return $"type {record.Type} is not in the {record.Subject.Kind} policy";
        }

        if (area != record.Area)
        {
            return $"area {record.Area} should be {area}";
        }

        if (!Expected.SourceTypes.TryGetValue(sourceId, out var allowed) || !allowed.Contains(record.Type)
            || !sourceTypes[sourceId].Contains(record.Type))
        {
            return $"source {sourceId} does not submit {record.Type}";
        }

        if (Expected.IsNegative(record.Type) && !record.HasLegalBasis)
        {
            return "negative record without a legal basis";
        }

        if (Expected.WithQuantity.Contains(record.Type) != record.Quantity.HasValue)
        {
            return $"quantity {record.Quantity} for {record.Type}";
        }

        var key = (sourceId, line.SourceRecordId!);
        if (record.Version == 1)
        {
            return firstVersions.TryAdd(key, record) ? null : $"record id {key} used twice";
        }

        if (!firstVersions.TryGetValue(key, out var first))
        {
            return "a revision with no earlier submission from the same source";
        }

        if (record.Version != 2 || !revised.Add(key))
        {
            return "a second revision of the same record";
        }

        if (record.ReportedAt <= first.ReportedAt || record.Subject != first.Subject || record.Type != first.Type
            || record.Action is not (RecordAction.Corrected or RecordAction.Withdrawn) || string.IsNullOrWhiteSpace(record.Note))
        {
            return $"revision does not fit its submission {first}";
        }

        return null;
    }

    /// <summary>The kind of subject an identifier names, checked on the city's end date.</summary>
    public static SubjectKind KindOf(City city, string subject) =>
        SubjectIdentifiers.Parse(subject, DateOnly.FromDateTime(city.End.UtcDateTime)).Kind;
}
