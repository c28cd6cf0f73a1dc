using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.Tests.Scoring;

/// <summary>A small Rongcheng-like policy built in code, and helpers to make records for it.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly SubjectId Alice = new(SubjectKind.Person, "11010519491231002X", new DateOnly(1949, 12, 31));
    public static readonly SubjectId Bob = new(SubjectKind.Person, "440524188001010014", new DateOnly(1980, 1, 1));
    public static readonly SubjectId Minor = new(SubjectKind.Person, "110105201001010011", new DateOnly(2010, 1, 1));
    public static readonly SubjectId Acme = new(SubjectKind.Organisation, "91110000100000000A", null);

    public static RecordType Type(string id, Area area, Matter matter, int points, PolicyDuration lasts, Severity severity = Severity.General, bool decays = false, PointCap? cap = null, bool countsWhileDisputed = false, PerUnitPoints? perUnit = null, bool fulfils = false) =>
        new(id, id, null, area, matter, points, perUnit, lasts, decays, cap, severity, countsWhileDisputed, FulfilsObligation: fulfils);

    public static Policy Policy(bool consentRequired = false, int maxKeyFactors = 4) => new(
        "test-persons",
        "1",
        "Test persons policy",
        SubjectKind.Person,
        JurisdictionProfile.PrcCreditRepair,
        new ScoreScale(1000, 0, 1500),
        18,
        consentRequired,
        maxKeyFactors,
        [
            Type("late-credit-card-payment", Area.Commercial, Matter.DebtRepayment, -10, PolicyDuration.FromYears(1), cap: new PointCap(30, PolicyDuration.FromYears(1))),
            Type("loan-contract-default", Area.Commercial, Matter.LoanAndLeaseContracts, -20, PolicyDuration.FromYears(2), Severity.Serious),
            Type("late-utility-fees", Area.Social, Matter.Utilities, -20, PolicyDuration.FromYears(1)),
            Type("traffic-violation", Area.Administrative, Matter.TrafficSafety, -5, PolicyDuration.FromMonths(3), Severity.Minor, decays: true),
            Type("tax-evasion", Area.Administrative, Matter.Tax, -50, PolicyDuration.FromYears(3), Severity.Serious, perUnit: new PerUnitPoints(-1, 10000m, "yuan", 50)),
            Type("judgment-defaulter", Area.Judicial, Matter.CourtJudgments, -100, PolicyDuration.FromYears(2), Severity.Serious, countsWhileDisputed: true),
            Type("defaulter-term-extended", Area.Judicial, Matter.CourtJudgments, 0, PolicyDuration.FromYears(1)),
            Type("judgment-performed", Area.Judicial, Matter.CourtJudgments, 0, PolicyDuration.FromYears(1), fulfils: true),
            Type("utility-arrears-paid", Area.Social, Matter.Utilities, 0, PolicyDuration.FromYears(1), fulfils: true),
            Type("volunteering", Area.Social, Matter.Volunteering, 5, PolicyDuration.FromYears(1), Severity.Minor, cap: new PointCap(30, PolicyDuration.FromYears(1))),
            Type("heroic-act", Area.Social, Matter.HeroicActs, 30, PolicyDuration.FromYears(3), Severity.Serious),
        ],
        [new GradeBand("AAA", 1050), new GradeBand("AA", 1030), new GradeBand("A", 960), new GradeBand("B", 850), new GradeBand("C", 600), new GradeBand("D", 0)],
        [
            new ListDefinition("court-defaulters", "court defaulter list", null, ListKind.Blacklist, true,
                new ListEntry(["judgment-defaulter"], null, null, null),
                new ListExit(["judgment-performed"], PolicyDuration.FromYears(2), new ListExtension(["defaulter-term-extended"], PolicyDuration.FromYears(1)))),
            new ListDefinition("honest-citizens", "honest citizens", null, ListKind.Redlist, false,
                new ListEntry([], "AA", null, PolicyDuration.FromYears(1)),
                new ListExit([], null, null)),
        ],
        [
            new Measure("restrict-g-train", "G-train tickets", null, MeasureEffect.Restrict, "rail.g-train.ticket", new MeasureTrigger("court-defaulters", null, null), [Area.Judicial], [Matter.CourtJudgments]),
            new Measure("restrict-flights", "Flights", null, MeasureEffect.Restrict, "air.ticket", new MeasureTrigger("court-defaulters", null, null), [Area.Judicial], [Matter.CourtJudgments]),
            new Measure("grant-deposit-free-rental", "Deposit-free rental", null, MeasureEffect.Grant, "deposit-free-rental", new MeasureTrigger(null, "AA", null), [Area.Social], [Matter.Volunteering]),
            new Measure("grant-transit-discount", "Transit discount", null, MeasureEffect.Grant, "transit.fare-discount", new MeasureTrigger("honest-citizens", null, null), [Area.Social], [Matter.Volunteering]),
        ],
        new RepairRules(
            ImmutableDictionary<Severity, PolicyDuration>.Empty
                .Add(Severity.Minor, PolicyDuration.Zero)
                .Add(Severity.General, PolicyDuration.FromMonths(3))
                .Add(Severity.Serious, PolicyDuration.FromYears(1)),
            [
                new RepairQualification(["late-utility-fees"], ["utility-arrears-paid"]),
                new RepairQualification(["judgment-defaulter"], ["judgment-performed"]),
            ]),
        new DisputeRules(PolicyDuration.FromDays(30)),
        [new CapabilityDefinition("deposit-free-rental", CapabilityKind.Benefit), new CapabilityDefinition("transit.fare-discount", CapabilityKind.Benefit)]);

    private static int next;

    public static Record Rec(SubjectId subject, string type, DateTimeOffset occurred, string? legalBasis = "case 2025-001", decimal? quantity = null, string source = "court", string? id = null, DateTimeOffset? reported = null)
    {
        var area = Policy().FindRecordType(type)?.Area ?? Area.Administrative;
        return new Record(new RecordKey(source, id ?? $"r{Interlocked.Increment(ref next)}"), 1, RecordAction.Submitted, subject, type, area, occurred, reported ?? occurred, legalBasis, quantity);
    }

    public static Record Withdraw(Record r, DateTimeOffset at) => r with { Version = r.Version + 1, Action = RecordAction.Withdrawn, ReportedAt = at, Note = "withdrawn" };
}
