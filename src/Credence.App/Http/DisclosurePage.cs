using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Registry.Decisions;
using Credence.Registry.Disclosure;
using Credence.Registry.DueProcess;

namespace Credence.App.Http;

/// <summary>
/// The free disclosure as one readable HTML page: a heading per section, tables, inline styles,
/// no scripts and no external assets, so it can be saved, printed and opened offline. Every value
/// from the file is HTML-encoded (a record's note is text, never markup).
/// </summary>
/// <remarks>
/// Implementation note: the page is written by hand rather than with a template engine: it is
/// small, has no logic beyond tables, and keeping every value behind <see cref="Cell"/> makes the
/// encoding impossible to forget. Due process (affected decisions, disputes, repair applications,
/// appeals, case steps) and notices follow the decisions, each in its own section, so that a person
/// reads what happened before what was done about it.
/// </remarks>
internal static class DisclosurePage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;line-height:1.4}" +
        "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}" +
        "table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
        "th{background:#f3f3f3}p.none{color:#666;font-style:italic}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}";

    public static string Render(DisclosureView d)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Credence file of ")
            .Append(Text(d.Subject.Value)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Credence file of ").Append(Text(d.Subject.Value)).Append("</h1>\n");
        html.Append("<p>Your whole file as the registry holds it on ").Append(Text(Instant(d.AsOf)))
            .Append(". This free disclosure lists every record about you with all its versions, your score history, your listings, every decision about you, your disputes, repair applications and appeals with every step, every notice sent to you, your consent, your share codes and everyone who read or wrote anything about you.</p>\n");

        Summary(html, d);
        Section(html, "Score history", ["From", "Because", "Policy", "Status", "Score", "Grade", "Lists"],
            d.ScoreHistory.Select(p => new[] { Instant(p.At), p.Cause, p.PolicyVersion, Word(p.Status), Number(p.Score), p.Grade, string.Join(", ", p.Lists) }));
        Section(html, "Records", ["Record", "Version", "Action", "Type", "Area", "Occurred", "Reported", "Legal basis", "Quantity", "Note"],
            d.Records.Select(r => new[] { r.Key.ToString(), r.Version.ToString(CultureInfo.InvariantCulture), Word(r.Action), r.Type, Word(r.Area), Instant(r.OccurredAt), Instant(r.ReportedAt), r.LegalBasis, r.Quantity?.ToString(CultureInfo.InvariantCulture), r.Note }));
        Section(html, "Listings", ["List", "Policy", "Published", "Since", "Until", "Ended"],
            d.Listings.Select(l => new[] { l.List, l.PolicyTag, l.Published ? "yes" : "no", Instant(l.Since), l.Until == DateTimeOffset.MaxValue ? null : Instant(l.Until), Instant(l.EndedAt) }));
        Section(html, "Decisions", ["Decided", "Relying party", "Purpose", "Asked about", "Outcome", "Reasons", "Policy", "Decision"],
            d.Decisions.Select(x => new[] { Instant(x.DecidedAt), x.RelyingParty, x.Purpose, x.Capability, Documents.DecisionDocument.OutcomeOf(x), string.Join("; ", x.Reasons.Select(r => r.Text)), x.PolicyVersion, x.Id.ToString("D") }));
        Section(html, "Decisions found affected", ["Decision", "Relying party", "Asked about", "Decided", "Answer given", "Corrected answer", "Cause", "Wrong records", "Marked"],
            d.AffectedDecisions.Select(m => Affected(m, d.Decisions.FirstOrDefault(x => x.Id == m.DecisionId))));
        Section(html, "Disputes", ["Dispute", "Record", "Opened", "Deadline", "State", "Your reason", "Evidence", "Answer", "Reason for the answer", "Closed", "Policy"],
            d.Disputes.Select(x => new[] { x.Id, x.Record.ToString(), Instant(x.OpenedAt), Instant(x.DueAt), Word(x.State), x.Reason, x.Evidence, x.Answer is { } a ? Word(a) : null, x.AnswerReason, Instant(x.ClosedAt), x.PolicyTag }));
        Section(html, "Repair applications", ["Application", "Record", "Type", "Applied", "Outcome", "Effect ended", "Unmet criteria", "Obligation shown fulfilled by", "Policy"],
            d.Repairs.Select(Repair));
        Section(html, "Appeals", ["Appeal", "Repair application", "Filed", "Your grounds", "State", "Reviewer", "Reviewer's reason", "Decided"],
            d.Appeals.Select(x => new[] { x.Id, x.RepairId, Instant(x.FiledAt), x.Grounds, Word(x.State), x.Reviewer, x.Reason, Instant(x.DecidedAt) }));
        Section(html, "Case steps", ["When", "Case", "Kind", "Step", "By", "Record", "Detail"],
            d.CaseSteps.Select(x => new[] { Instant(x.At), x.CaseId, x.CaseKind, x.Step, x.Actor, x.Record, Detail(x.Detail) }));
        Section(html, "Notices", ["When", "Kind", "About", "Title", "Reasons", "Policy", "What you can do next"],
            d.Notices.Select(n => new[] { Instant(n.At), Word(n.Kind), n.About is { } about ? $"{about.Kind} {about.Id}" : null, n.Title, string.Join("; ", n.Reasons.Select(r => $"{r.Code}: {r.Text}")), n.PolicyVersion, string.Join("; ", n.NextSteps.Select(Step)) }));
        Section(html, "Consent to scoring", ["Changed", "Consent", "By"],
            d.Consent.Select(c => new[] { Instant(c.At), c.Given ? "given" : "withdrawn", c.By }));
        Section(html, "Share codes", ["Share", "Relying party", "Purpose", "Status", "Created", "Expires", "Revoked", "Uses"],
            d.Shares.Select(s => new[] { s.Id.ToString(CultureInfo.InvariantCulture), s.RelyingParty ?? "any relying party", s.Purpose, Word(s.StatusAt(d.AsOf)), Instant(s.CreatedAt), Instant(s.ExpiresAt), Instant(s.RevokedAt), s.Uses.ToString(CultureInfo.InvariantCulture) }));
        Section(html, "Access log", ["When", "Who", "Role", "Action", "Purpose", "Outcome", "Detail"],
            d.AccessLog.Select(e => new[] { Instant(e.At), e.Principal, e.Role, e.Action, e.Purpose, Word(e.Outcome), e.Detail }));
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, DisclosureView d)
    {
        html.Append("<h2>Your outcome now</h2>\n");
        if (d.Assessment is not { } a)
        {
            html.Append("<p class=\"none\">").Append(Text(d.Unassessed)).Append("</p>\n");
            return;
        }

        html.Append("<dl>\n");
        void Item(string term, string? value) => html.Append("<dt>").Append(Text(term)).Append("</dt><dd>").Append(Text(value ?? "none")).Append("</dd>\n");
        Item("Policy", a.PolicyVersion);
        Item("Status", Word(a.Status));
        Item("Score", Number(a.Score));
        Item("Grade", a.Grade);
        Item("Lists", a.Listings.IsEmpty ? null : string.Join(", ", a.Listings.Select(l => l.Name)));
        Item("Key reasons", a.KeyReasons.IsEmpty ? null : string.Join("; ", a.KeyReasons.Select(r => r.Text)));
        html.Append("</dl>\n");
    }

    private static string?[] Affected(DecisionMark m, Decision? decision) =>
    [
        m.DecisionId.ToString("D"), m.RelyingParty, decision?.Capability, Instant(decision?.DecidedAt), decision is null ? null : Allowed(decision.Allowed), Allowed(m.CorrectedAllowed),
        m.Cause, string.Join(", ", m.WrongRecords), Instant(m.MarkedAt),
    ];

    private static string?[] Repair(RepairApplication r)
    {
        var a = r.Assessment;
        var unmet = a.Unmet.IsDefault ? [] : a.Unmet;
        return
        [
            r.Id, r.Record.ToString(), a.Type, Instant(r.AppliedAt), r.Granted ? "granted" : "refused", Instant(r.EffectiveAt),
            string.Join("; ", unmet.Select(u => u.MetAt is { } met ? $"{u.Code}: {u.Text} (met on {Instant(met)})" : $"{u.Code}: {u.Text}")),
            a.FulfilledBy?.ToString(), a.PolicyVersion,
        ];
    }

    private static string Step(NextStep s)
    {
        var when = (s.From, s.Until) switch
        {
            ({ } from, { } until) => $" (from {Instant(from)} until {Instant(until)})",
            ({ } from, null) => $" (from {Instant(from)})",
            (null, { } until) => $" (until {Instant(until)})",
            _ => string.Empty,
        };
        return $"{s.Action}: {s.Text}{when}";
    }

    /// <summary>A case step's detail (a JSON object of what the step said) as <c>name: value</c> pairs.</summary>
    private static string Detail(string json)
    {
        using var detail = JsonDocument.Parse(json);
        return detail.RootElement.ValueKind != JsonValueKind.Object
            ? detail.RootElement.GetRawText()
            : string.Join("; ", detail.RootElement.EnumerateObject().Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
    }

    private static string Allowed(bool allowed) => allowed ? "allowed" : "denied";

    private static void Section(StringBuilder html, string title, string[] headings, IEnumerable<string?[]> rows)
    {
        html.Append("<h2>").Append(Text(title)).Append("</h2>\n");
        var any = false;
        foreach (var row in rows)
        {
            if (!any)
            {
                html.Append("<table>\n<thead><tr>");
                foreach (var heading in headings)
                {
                    html.Append("<th>").Append(Text(heading)).Append("</th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                any = true;
            }

            html.Append("<tr>");
            foreach (var value in row)
            {
                Cell(html, value);
            }

            html.Append("</tr>\n");
        }

        html.Append(any ? "</tbody>\n</table>\n" : "<p class=\"none\">None.</p>\n");
    }

    private static void Cell(StringBuilder html, string? value) => html.Append("<td>").Append(Text(value)).Append("</td>");

    private static string Text(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string? Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Word<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
