using System.Collections.Immutable;

namespace Credence.Core.Simulation;

/// <summary>
/// What a draft policy would change, compared with the baseline policy at the same instant from the
/// same records: the report a reviewer reads before a policy may be activated. Its canonical JSON
/// (<see cref="CanonicalJson"/>) is what its digest names. Instants are UTC text; shares are rounded to
/// six places; every list is in a stated, stable order, so the same registry, draft, baseline and
/// instant give the same report byte for byte (apart from its id and creation).
/// </summary>
/// <param name="Id">The stored report's id.</param>
/// <param name="Policy">The draft's version tag.</param>
/// <param name="PolicyDigest">The digest of the draft's exact text (<see cref="Policies.PolicyDigest"/>): activation requires a report of this text.</param>
/// <param name="Against">The baseline version tag; null when no policy governed the kind at the instant.</param>
/// <param name="Subjects"><c>persons</c> or <c>organisations</c>: the draft's kind; subjects of the other kind are not simulated.</param>
/// <param name="Population">How many subjects of that kind the registry held at the instant.</param>
/// <param name="Changed">How many of them would see any difference.</param>
/// <param name="Fairness">
/// The difference the draft would make to fairness (<see cref="Fairness.FairnessDifference"/>): every
/// cohort's rate of every adverse outcome under the baseline and under the draft, the disparities
/// introduced and removed and the record types that carry them. Null only in a report stored before the
/// section existed.
/// </param>
/// <param name="SubjectIds"><c>masked</c> (persons' birth dates hidden) or <c>unmasked</c> for a read with a stated purpose.</param>
public sealed record SimulationReport(
    string Id,
    string Policy,
    string PolicyDigest,
    string? Against,
    string? AgainstDigest,
    string Subjects,
    string AsOf,
    string CreatedAt,
    string CreatedBy,
    int Population,
    int Changed,
    SimulationReport.GradeMatrix Grades,
    SimulationReport.ScoreChanges Scores,
    ImmutableArray<SimulationReport.ListChange> Lists,
    ImmutableArray<SimulationReport.MeasureChange> Measures,
    ImmutableArray<SimulationReport.RelyingPartyChange> RelyingParties,
    SimulationReport.PastDecisions Decisions,
    SimulationReport.ChangeDrivers Drivers,
    ImmutableArray<SimulationReport.SampleSubject> Sample,
    Fairness.FairnessDifference? Fairness,
    string SubjectIds = "masked")
{
    /// <summary>The label of the row and column for subjects with no grade (not scored, or no policy).</summary>
    public const string NoGrade = "none";

    /// <summary>Grade transitions: one row per baseline grade (best first, then <see cref="NoGrade"/>), one cell per draft grade.</summary>
    public sealed record GradeMatrix(ImmutableArray<string> From, ImmutableArray<string> To, ImmutableArray<GradeRow> Rows);

    /// <summary>A baseline grade's subjects and where the draft puts them; shares of the row and of the population.</summary>
    public sealed record GradeRow(string From, int Total, ImmutableArray<GradeCell> Cells);

    public sealed record GradeCell(string To, int Count, double ShareOfRow, double ShareOfAll);

    /// <summary>The draft's score minus the baseline's, for subjects scored under both; those scored under one only are counted apart.</summary>
    public sealed record ScoreChanges(
        int Compared, int Unchanged, int Raised, int Lowered, int NewlyScored, int NoLongerScored,
        int? Min, int? Max, double? Mean, int? Median, ImmutableArray<ScoreBucket> Buckets);

    /// <summary>A band of score changes, <paramref name="From"/> to <paramref name="To"/> inclusive (null: unbounded).</summary>
    public sealed record ScoreBucket(string Label, int? From, int? To, int Count);

    /// <summary>A list of either policy: members before and after, subjects entering and leaving it.</summary>
    public sealed record ListChange(string List, int Before, int After, int Entered, int Left);

    /// <summary>A measure of either policy: subjects it triggers for before and after, and for whom that starts or stops.</summary>
    public sealed record MeasureChange(string Measure, string Capability, string Effect, int Before, int After, int Started, int Stopped);

    /// <summary>
    /// A relying party registered for a capability whose answer changes for some subjects: how many,
    /// and to which answer (<c>allowed</c>, <c>denied</c>, <c>not-granted</c>, <c>undecided</c> where
    /// the draft has no measure on the capability).
    /// </summary>
    public sealed record RelyingPartyChange(string RelyingParty, string Capability, int Changed, ImmutableSortedDictionary<string, int> ToAnswer);

    /// <summary>Past decisions about the simulated subjects, each re-answered under the draft at its own instant from the records as known then.</summary>
    public sealed record PastDecisions(int Checked, int Different, ImmutableArray<PastDecisionRow> Rows);

    /// <summary>Per measure asked and relying party: decisions checked, how many the draft answers differently, and as what (<c>recorded-&gt;draft</c>).</summary>
    public sealed record PastDecisionRow(string Measure, string RelyingParty, int Checked, int Different, ImmutableSortedDictionary<string, int> Changes);

    /// <summary>What drives the change, ranked: record types by points shifted, rules by subjects affected.</summary>
    public sealed record ChangeDrivers(ImmutableArray<TypeDriver> RecordTypes, ImmutableArray<RuleDriver> Rules);

    /// <summary>A record type whose counted points differ between the policies, summed over subjects.</summary>
    public sealed record TypeDriver(string Type, int Subjects, long PointsBefore, long PointsAfter, long Shift);

    /// <summary>A rule (<c>grade-bands</c>, <c>list:ID</c>, <c>measure:ID</c>, <c>scoring</c>) and the subjects whose outcome it changes.</summary>
    public sealed record RuleDriver(string Rule, int Subjects);

    /// <summary>One of the subjects whose outcome changes most.</summary>
    public sealed record SampleSubject(string Subject, int Rank, SampleOutcome Before, SampleOutcome After, int ScoreChange, int ListsChanged, int MeasuresChanged);

    public sealed record SampleOutcome(string? Status, int? Score, string? Grade, ImmutableArray<string> Lists, ImmutableArray<string> Measures);
}
