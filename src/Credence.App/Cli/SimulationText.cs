using System.Globalization;
using System.Text;
using Credence.Core.Simulation;

namespace Credence.App.Cli;

/// <summary>A simulation report and a replay as lines for the terminal.</summary>
internal static class SimulationText
{
    public static string Summary(string path, SimulationReport r, string digest)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{path}: {r.Policy} against {r.Against ?? "no policy in force"} as of {r.AsOf}: {r.Population} {r.Subjects}, {r.Changed} would see a change\n");
        s.Append(CultureInfo.InvariantCulture, $"report {r.Id} {digest} (stored; another operator signs it off: credence policy sign-off {r.Policy} --report {digest})\n");
        s.Append("grades (from -> to: subjects):");
        foreach (var row in r.Grades.Rows)
        {
            foreach (var cell in row.Cells.Where(c => c.Count > 0))
            {
                s.Append(CultureInfo.InvariantCulture, $" {row.From}->{cell.To}: {cell.Count}");
            }
        }

        s.Append('\n');
        var sc = r.Scores;
        s.Append(CultureInfo.InvariantCulture, $"scores: {sc.Compared} compared, {sc.Raised} raised, {sc.Lowered} lowered, {sc.Unchanged} unchanged, {sc.NewlyScored} newly scored, {sc.NoLongerScored} no longer scored; change min {Num(sc.Min)} median {Num(sc.Median)} max {Num(sc.Max)}\n");
        foreach (var l in r.Lists)
        {
            s.Append(CultureInfo.InvariantCulture, $"list {l.List}: {l.Before} -> {l.After} ({l.Entered} enter, {l.Left} leave)\n");
        }

        foreach (var m in r.Measures.Where(m => m.Started + m.Stopped > 0))
        {
            s.Append(CultureInfo.InvariantCulture, $"measure {m.Measure} ({m.Effect} {m.Capability}): {m.Before} -> {m.After} ({m.Started} start, {m.Stopped} stop)\n");
        }

        foreach (var rp in r.RelyingParties)
        {
            s.Append(CultureInfo.InvariantCulture, $"relying party {rp.RelyingParty} on {rp.Capability}: {rp.Changed} answers change ({string.Join(", ", rp.ToAnswer.Select(a => $"{a.Value} to {a.Key}"))})\n");
        }

        s.Append(CultureInfo.InvariantCulture, $"past decisions: {r.Decisions.Checked} checked, {r.Decisions.Different} would have been answered differently\n");
        foreach (var t in r.Drivers.RecordTypes.Take(5))
        {
            s.Append(CultureInfo.InvariantCulture, $"driver {t.Type}: {t.Subjects} subjects, {t.PointsBefore} -> {t.PointsAfter} points\n");
        }

        foreach (var rule in r.Drivers.Rules.Take(5))
        {
            s.Append(CultureInfo.InvariantCulture, $"rule {rule.Rule}: {rule.Subjects} subjects\n");
        }

        // What the draft does to fairness, in the report's own words (its Chinese is in --json and the page).
        if (r.Fairness is { } fairness)
        {
            foreach (var line in fairness.Words.En)
            {
                s.Append("fairness: ").Append(line).Append('\n');
            }
        }

        foreach (var x in r.Sample)
        {
            s.Append(CultureInfo.InvariantCulture, $"#{x.Rank} {x.Subject}: {Num(x.Before.Score)} {x.Before.Grade ?? "-"} [{string.Join(' ', x.Before.Lists)}] -> {Num(x.After.Score)} {x.After.Grade ?? "-"} [{string.Join(' ', x.After.Lists)}]\n");
        }

        if (r.SubjectIds == "masked" && r.Sample.Length > 0)
        {
            s.Append("subject ids are masked; --purpose TEXT shows them, logged as a read of each subject's file\n");
        }

        return s.ToString();
    }

    public static string Replay(IReadOnlyList<ReplayWeek> weeks)
    {
        var s = new StringBuilder();
        foreach (var w in weeks)
        {
            s.Append(CultureInfo.InvariantCulture, $"{w.At}: {w.Subjects} subjects; draft grades {Counts(w.DraftGrades)} lists {Counts(w.DraftLists)}; in force ({w.InForce ?? "none"}) grades {Counts(w.InForceGrades)} lists {Counts(w.InForceLists)}\n");
        }

        return s.ToString();
    }

    private static string Counts(IEnumerable<KeyValuePair<string, int>> counts) => "{" + string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}")) + "}";

    private static string Num(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
