using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Records;

namespace Credence.Demo.Tests;

public sealed class RecordTests
{
    [Fact]
    public void Every_record_keeps_every_rule()
    {
        var problems = CityChecks.Problems(TestCities.Small, TestCities.SmallRecords);

        Assert.Empty(problems);
        Assert.InRange(TestCities.SmallRecords.Count, 25_000, 40_000);
    }

    [Fact]
    public void Every_line_parses_into_a_record_without_problems_as_of_the_end()
    {
        var city = TestCities.Small;
        foreach (var (_, line) in TestCities.SmallRecords)
        {
            var record = RecordLineParser.ToRecord(line, city.End, out var problem);
            Assert.True(record is not null, $"{problem}: {line}");
        }
    }

    [Fact]
    public void Sources_submit_only_their_own_types_and_all_eight_sources_submit()
    {
        var city = TestCities.Small;
        Assert.Equal(Expected.SourceTypes.Keys.Order(), city.Sources.Select(s => s.Id).Order());
        foreach (var source in city.Sources)
        {
            Assert.Equal(Expected.SourceTypes[source.Id].Order(), source.RecordTypes.Order());
            Assert.False(string.IsNullOrWhiteSpace(source.Name));
        }

        var seen = TestCities.SmallRecords.GroupBy(r => r.SourceId).ToDictionary(g => g.Key, g => g.Select(r => r.Line.Type!).ToHashSet());
        Assert.Equal(8, seen.Count);
        foreach (var (source, types) in seen)
        {
            Assert.Subset(Expected.SourceTypes[source].ToHashSet(), types);
        }
    }

    [Fact]
    public void Every_negative_record_cites_a_legal_basis_and_court_records_cite_case_numbers()
    {
        var negatives = TestCities.SmallRecords.Where(r => Expected.IsNegative(r.Line.Type!)).ToList();
        Assert.NotEmpty(negatives);
        Assert.All(negatives, r => Assert.False(string.IsNullOrWhiteSpace(r.Line.LegalBasis), r.Line.ToString()));

        var court = TestCities.SmallRecords.Where(r => r.SourceId == "court").ToList();
        Assert.NotEmpty(court);
        Assert.All(court, r => Assert.Matches(@"^\(\d{4}\) (Lu|Jing|Hu|Yue|Zhe|Chuan|Su|E) \d{4} (Zhi|Min Chu) No\. \d{1,4}", r.Line.LegalBasis!));
    }

    [Fact]
    public void Instants_fall_within_the_city_years_and_reports_follow_occurrences_by_hours_to_weeks()
    {
        var city = TestCities.Small;
        Assert.Equal(city.End.AddYears(-3), city.Start);
        foreach (var (_, line) in TestCities.SmallRecords)
        {
            var occurred = DateTimeOffset.Parse(line.Occurred!, System.Globalization.CultureInfo.InvariantCulture);
            var reported = DateTimeOffset.Parse(line.Reported!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(occurred, city.Start, city.End);
            Assert.InRange(reported, occurred, city.End);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", line.Occurred!);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", line.Reported!);
            if (line.Version == 1)
            {
                Assert.InRange(reported - occurred, TimeSpan.FromHours(2), TimeSpan.FromDays(30));
            }
        }
    }

    [Fact]
    public void Records_come_out_in_the_order_they_were_reported()
    {
        var reported = TestCities.SmallRecords.Select(r => r.Line.Reported!).ToList();

        Assert.Equal(reported.Order(StringComparer.Ordinal), reported);
    }

    [Fact]
    public void Corrections_and_withdrawals_revise_an_earlier_submission_of_the_same_source()
    {
        var firsts = new Dictionary<(string, string), RecordLine>();
        int corrected = 0, withdrawn = 0;
        foreach (var (source, line) in TestCities.SmallRecords)
        {
            if (line.Version == 1)
            {
                Assert.Equal("submitted", line.Action);
                Assert.Null(line.Note);
                firsts.Add((source, line.SourceRecordId!), line);
                continue;
            }

            var first = firsts[(source, line.SourceRecordId!)];
            Assert.Equal(2, line.Version);
            Assert.Equal((first.Subject, first.Type, first.Area), (line.Subject, line.Type, line.Area));
            Assert.True(string.CompareOrdinal(line.Reported, first.Reported) > 0);
            if (line.Action == "withdrawn")
            {
                withdrawn++;
                Assert.Equal((first.Occurred, first.Quantity, first.LegalBasis), (line.Occurred, line.Quantity, line.LegalBasis));
            }
            else
            {
                Assert.Equal("corrected", line.Action);
                corrected++;
                Assert.True(first.Occurred != line.Occurred || first.Quantity != line.Quantity, "a correction changes something");
            }
        }

        double share = (corrected + withdrawn) / (double)TestCities.SmallRecords.Count;
        Assert.InRange(share, 0.002, 0.01);
        Assert.True(corrected > 0 && withdrawn > 0);
    }

    [Fact]
    public void Record_ids_are_unique_per_source_and_carry_the_source_prefix()
    {
        var prefixes = new Dictionary<string, string>
        {
            ["court"] = "CT-", ["tax-bureau"] = "TX-", ["market-regulator"] = "MR-", ["transit-authority"] = "TA-",
            ["utilities"] = "UT-", ["city-bank"] = "CB-", ["charity-federation"] = "CF-", ["environmental-regulator"] = "EV-",
        };
        var submissions = TestCities.SmallRecords.Where(r => r.Line.Version == 1).ToList();

        Assert.All(submissions, r => Assert.StartsWith(prefixes[r.SourceId], r.Line.SourceRecordId!, StringComparison.Ordinal));
        Assert.Equal(submissions.Count, submissions.Select(r => (r.SourceId, r.Line.SourceRecordId)).Distinct().Count());
    }

    [Fact]
    public void Amounts_are_in_whole_yuan_and_only_on_the_types_that_count_them()
    {
        foreach (var (_, line) in TestCities.SmallRecords)
        {
            Assert.Equal(Expected.WithQuantity.Contains(line.Type!), line.Quantity.HasValue);
            if (line.Quantity is { } amount)
            {
                Assert.True(amount > 0 && amount == decimal.Floor(amount), line.ToString());
            }
        }
    }

    [Fact]
    public void Records_name_subjects_of_the_city_and_of_the_kind_their_type_is_for()
    {
        var city = TestCities.Small;
        var persons = city.Persons.Select(p => p.Id).ToHashSet();
        var organisations = city.Organisations.Select(o => o.Code).ToHashSet();
        foreach (var (_, line) in TestCities.SmallRecords)
        {
            var kind = CityChecks.KindOf(city, line.Subject!);
            Assert.Contains(line.Subject!, kind == SubjectKind.Person ? persons : organisations);
            Assert.True(Expected.TypesFor(kind).ContainsKey(line.Type!), line.ToString());
        }
    }

    [Fact]
    public void The_lines_areas_are_the_wire_names_of_the_policy_areas()
    {
        var areas = TestCities.SmallRecords.Select(r => r.Line.Area!).ToHashSet();

        Assert.Equal(Enum.GetValues<Area>().Select(a => a.ToString().ToLowerInvariant()).Order(), areas.Order());
    }
}
