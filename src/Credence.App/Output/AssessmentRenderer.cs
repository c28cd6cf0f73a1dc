using Credence.Core.Explanations;
using Credence.Core.Policies;
using Spectre.Console;

namespace Credence.App.Output;

/// <summary>Renders an assessment as readable tables for a terminal.</summary>
internal static class AssessmentRenderer
{
    public static void Render(IAnsiConsole console, Assessment a)
    {
        var outcome = a.Score is { } score ? $"score [bold]{score}[/], grade [bold]{a.Grade}[/]" : $"[yellow]not scored: {a.Status.ToString().ToLowerInvariant()}[/]";
        console.MarkupLine($"[bold]{a.Subject.Value}[/] ({a.Subject.Kind.ToString().ToLowerInvariant()}) under [bold]{Markup.Escape(a.PolicyVersion)}[/] as of {a.AsOf:u}: {outcome}");
        console.MarkupLine("areas: " + string.Join(", ", a.AreaSubtotals.Select(kv => $"{kv.Key.ToString().ToLowerInvariant()} {kv.Value:+#;-#;0}")));

        if (a.Listings.Length > 0)
        {
            var t = Table("list", "kind", "since", "until", "because");
            foreach (var l in a.Listings)
            {
                t.AddRow(Esc(l.List), l.Kind.ToString().ToLowerInvariant(), Date(l.Since), Date(l.Until), Esc(l.Basis + (l.Records.IsEmpty ? string.Empty : ": " + string.Join(", ", l.Records))));
            }

            console.Write(t);
        }

        var measures = a.Measures.Where(m => m.Triggered).ToList();
        console.MarkupLine(measures.Count == 0
            ? "measures: none triggered"
            : "measures: " + string.Join("; ", measures.Select(m => $"{(m.Effect == MeasureEffect.Restrict ? "[red]restricts[/]" : "[green]grants[/]")} {Esc(m.Capability)} ({Esc(m.Trigger)})")));

        if (a.KeyReasons.Length > 0)
        {
            var t = Table("key reason", "impact", "why");
            foreach (var r in a.KeyReasons)
            {
                t.AddRow(Esc(r.Code), r.Impact == 0 ? "-" : r.Impact.ToString(System.Globalization.CultureInfo.InvariantCulture), Esc(r.Text));
            }

            console.Write(t);
        }

        if (a.Contributions.Length > 0)
        {
            var t = Table("record", "type", "area", "points", "counts", "until");
            foreach (var c in a.Contributions)
            {
                var note = (c.Decayed ? " decayed" : string.Empty) + (c.Capped ? " capped" : string.Empty) + (c.Disputed ? " disputed" : string.Empty);
                t.AddRow(Esc(c.Record.ToString()), Esc(c.Type), c.Area.ToString().ToLowerInvariant(), c.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Counted + note, Date(c.CountsUntil));
            }

            console.Write(t);
        }

        foreach (var i in a.Inactive)
        {
            console.MarkupLine($"not counting: {Esc(i.Record.ToString())} v{i.Version} ({Esc(i.Type)}): {i.Reason}: {Esc(i.Detail)}");
        }

        RenderPath(console, a.PathForward);
    }

    private static void RenderPath(IAnsiConsole console, PathForward p)
    {
        console.MarkupLine("[bold]path forward[/]");
        foreach (var e in p.Expiries)
        {
            console.MarkupLine($"  {Date(e.At)}: {Esc(e.Record.ToString())} ({Esc(e.Type)}) stops counting, +{e.PointsRestored}");
        }

        foreach (var r in p.Repairs)
        {
            var state = r.AvailableNow ? "[green]repair available now[/]"
                : r.FulfilledBy is null ? $"repair opens {Date(r.OpensAt)} once a record of {Esc(string.Join(" or ", r.NeedsOneOf))} shows the obligation fulfilled"
                : $"repair opens {Date(r.OpensAt)} (obligation fulfilled by {Esc(r.FulfilledBy.ToString()!)})";
            console.MarkupLine($"  {Esc(r.Record.ToString())} ({Esc(r.Type)}, {r.Severity.ToString().ToLowerInvariant()}): {state}");
        }

        foreach (var x in p.ListingExits)
        {
            var early = x.EndsOnRecordOf.IsEmpty ? string.Empty : $", or earlier on a record of {Esc(string.Join(" or ", x.EndsOnRecordOf))}";
            console.MarkupLine($"  listing {Esc(x.List)} ends {Date(x.EndsAt)}{early}");
        }

        if (p.NextGrade is { } next)
        {
            var by = next.ReachedByExpiryAt is { } at ? $"; expiries alone reach it on {Date(at)}" : string.Empty;
            console.MarkupLine($"  next grade {Esc(next.Grade)} needs {next.PointsNeeded} more points{by}");
        }

        if (p.Rewards.Length > 0)
        {
            console.MarkupLine("  rewarded: " + Esc(string.Join(", ", p.Rewards.Select(r => $"{r.Type} +{r.Points}" + (r.Cap is null ? string.Empty : $" ({r.Cap})")))));
        }
    }

    private static Table Table(params string[] columns)
    {
        var t = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns)
        {
            t.AddColumn(c);
        }

        return t;
    }

    private static string Esc(string text) => Markup.Escape(text);

    private static string Date(DateTimeOffset? at) => at is null ? "-" : at.Value == DateTimeOffset.MaxValue ? "never" : at.Value.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
