using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Rescore.Bench;

/// <summary>One generated record version, with what its file says of it (successor, dispute, repair).</summary>
internal readonly record struct GeneratedVersion(
    int Record, int Version, RecordAction Action, string Type, Area Area, long Occurred, long Reported,
    bool HasLegalBasis, decimal? Quantity, long KnownUntil, long DisputedAt, long RepairedAt);

/// <summary>
/// A deterministic population of persons, each with <see cref="RecordsEach"/> records of the sample
/// persons policy's catalogue over the four years before <see cref="AsOf"/>: commoner types more often,
/// a few corrections, withdrawals, open disputes, granted repairs, late reports, records without a legal
/// basis or in the wrong area, and minors. Subject s is generated from s alone, so any subject can be
/// regenerated for the sample check without keeping the population's objects in memory.
/// </summary>
/// <remarks>
/// Implementation note: every instant is a whole second, so PostgreSQL's microsecond timestamps hold
/// the same instants as .NET's ticks, and the decay's millisecond arithmetic agrees on both sides.
/// </remarks>
internal sealed class Population(Policy catalogue, int subjects, int recordsEach, int seed)
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // Weights per catalogue type id: everyday breaches and rewards often, court matters rarely.
    private static readonly Dictionary<string, int> Weights = new(StringComparer.Ordinal)
    {
        ["late-credit-card-payment"] = 12, ["loan-contract-default"] = 4, ["loan-repaid"] = 3,
        ["breach-of-contract-judgment"] = 2, ["judgment-defaulter"] = 1, ["defaulter-term-extended"] = 1, ["judgment-performed"] = 1,
        ["late-utility-fees"] = 8, ["utility-arrears-paid"] = 4, ["utility-theft"] = 1, ["public-utility-damage"] = 1,
        ["fare-evasion"] = 10, ["traffic-violation"] = 14, ["tax-evasion"] = 2,
        ["volunteering"] = 14, ["blood-donation"] = 8, ["charitable-donation"] = 8, ["heroic-act"] = 1,
    };

    private readonly RecordType[] byWeight = [.. catalogue.RecordTypes.SelectMany(t => Enumerable.Repeat(t, Weights.GetValueOrDefault(t.Id, 2)))];

    public int Subjects => subjects;

    public int RecordsEach => recordsEach;

    /// <summary>Subject s: its kind, birth date and versions in file order (record, then version).</summary>
    public (SubjectId Subject, List<GeneratedVersion> Versions) Subject(int s)
    {
        var random = new Random(HashCode.Combine(seed, s));

        // Ages 12 to 85: about one in twelve is a minor, neither scored nor listed.
        var born = DateOnly.FromDateTime(AsOf.UtcDateTime).AddDays(-random.Next(12 * 365, 85 * 365));
        var subject = new SubjectId(SubjectKind.Person, $"P{s:D9}", born);
        var versions = new List<GeneratedVersion>(recordsEach + 2);
        var span = (int)(AsOf - AsOf.AddYears(-4)).TotalSeconds;
        (RecordType Type, long After)? followUp = null;
        for (var r = 0; r < recordsEach; r++)
        {
            var type = byWeight[random.Next(byWeight.Length)];
            var occurred = AsOf.AddSeconds(-random.Next(span)).UtcTicks;

            // A court listing is often followed by an extension or by performance, so that terms are
            // extended and listings answered in the population, not only in the tests.
            if (followUp is { } f)
            {
                type = f.Type;
                occurred = Math.Min(AsOf.UtcTicks, f.After + (random.Next(1, 3 * 365 * 86_400) * TimeSpan.TicksPerSecond));
                followUp = null;
            }
            else if (type.Id == "judgment-defaulter" && random.Next(2) == 0)
            {
                followUp = (catalogue.FindRecordType(random.Next(3) == 0 ? "judgment-performed" : "defaulter-term-extended")!, occurred);
            }

            var reported = random.Next(10) == 0 ? occurred + (random.Next(1, 90 * 86_400) * TimeSpan.TicksPerSecond) : occurred;
            var typeId = random.Next(500) == 0 ? "retired-type" : type.Id;
            var area = random.Next(500) == 0 ? (Area)(1 + ((int)type.Area % 4)) : type.Area;
            var legal = random.Next(200) != 0;
            decimal? quantity = type.PerUnit is not null ? random.Next(0, 1_000_000) : random.Next(4) == 0 ? random.Next(0, 1000) : null;
            var disputed = random.Next(100) == 0 ? reported + (random.Next(1, 200 * 86_400) * TimeSpan.TicksPerSecond) : long.MaxValue;
            var repaired = random.Next(100) == 0 ? reported + (random.Next(1, 400 * 86_400) * TimeSpan.TicksPerSecond) : long.MaxValue;
            var later = random.Next(50) switch
            {
                0 => RecordAction.Corrected,
                1 => RecordAction.Withdrawn,
                _ => (RecordAction?)null,
            };
            var next = later is null ? long.MaxValue : reported + (random.Next(1, 300 * 86_400) * TimeSpan.TicksPerSecond);
            versions.Add(new GeneratedVersion(r, 1, RecordAction.Submitted, typeId, area, occurred, reported, legal, quantity, next, disputed, repaired));
            if (later is { } action)
            {
                // A correction moves the occurrence by up to a month and changes the amount.
                var corrected = action == RecordAction.Corrected ? occurred + (random.Next(-30 * 86_400, 30 * 86_400) * TimeSpan.TicksPerSecond) : occurred;
                versions.Add(new GeneratedVersion(r, 2, action, typeId, area, corrected, next, legal, quantity is null ? null : quantity + 1000, long.MaxValue, disputed, repaired));
            }
        }

        return (subject, versions);
    }

    /// <summary>Subject s's file as the registry would hand it to the engine.</summary>
    public SubjectFile File(int s)
    {
        var (subject, versions) = Subject(s);
        var records = versions.Select(v => new Record(
            Key(s, v.Record), v.Version, v.Action, subject, v.Type, v.Area,
            new DateTimeOffset(v.Occurred, TimeSpan.Zero), new DateTimeOffset(v.Reported, TimeSpan.Zero),
            v.HasLegalBasis ? "case 2026-001" : null, v.Quantity)).ToList();
        var disputes = versions.Where(v => v.Version == 1 && v.DisputedAt != long.MaxValue).Select(v => new RecordDispute(Key(s, v.Record), new DateTimeOffset(v.DisputedAt, TimeSpan.Zero)));
        var repairs = versions.Where(v => v.Version == 1 && v.RepairedAt != long.MaxValue).Select(v => new RecordRepair(Key(s, v.Record), new DateTimeOffset(v.RepairedAt, TimeSpan.Zero)));
        return SubjectFile.Create(subject, records, disputes, repairs);
    }

    /// <summary>Keys sort in record order, so file order is (record, version), the order versions are generated in.</summary>
    private static RecordKey Key(int s, int record) => new("bench", $"{s:D9}-{record:D4}");
}
